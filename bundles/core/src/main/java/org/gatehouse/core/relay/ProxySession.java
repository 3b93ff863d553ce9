package org.gatehouse.core.relay;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * One client WebSocket proxied to one upstream WebSocket, and the close handshake between them.
 *
 * <p>A close frame from one leg is forwarded to the other, and the other's answer is forwarded back, so both peers
 * see each other's codes and reasons. A leg is closed once it has both sent and received a close frame, or when it
 * does not answer ours within the close timeout. A leg that ends without a close frame gets the other leg a close of
 * its own: 1011 towards the client when the upstream vanished, 1001 towards the upstream when the client did.
 *
 * <p>Both channels are registered on the same event loop, so this state is only ever touched from that thread.
 */
public final class ProxySession {

    private static final Logger logger = System.getLogger(ProxySession.class.getName());

    private final Map<Leg, Channel> channels = new EnumMap<>(Leg.class);
    private final Map<Leg, Boolean> closeSent = new EnumMap<>(Leg.class);
    private final Map<Leg, Boolean> closeReceived = new EnumMap<>(Leg.class);
    private final long closeTimeoutMillis;
    private final boolean returnErrorDetails;
    private final Promise<Void> ended;
    private final Consumer<String> upstreamFailed;
    private String upstreamFailureDetail = "upstream connection lost";
    private int legsOpen = 2;
    private long backpressurePauses;

    /**
     * @param upstreamFailed told, once, why the upstream leg ended abnormally (no close frame, silence, a broken
     *                       rule), for passive health checks
     */
    public ProxySession(Channel client, Channel upstream, long closeTimeoutMillis, boolean returnErrorDetails,
                        Consumer<String> upstreamFailed) {
        channels.put(Leg.CLIENT, client);
        channels.put(Leg.UPSTREAM, upstream);
        for (Leg leg : Leg.values()) {
            closeSent.put(leg, false);
            closeReceived.put(leg, false);
        }
        this.closeTimeoutMillis = closeTimeoutMillis;
        this.returnErrorDetails = returnErrorDetails;
        this.ended = client.eventLoop().newPromise();
        this.upstreamFailed = upstreamFailed;
    }

    public Channel channel(Leg leg) {
        return channels.get(leg);
    }

    /** Completes when both legs are closed. */
    public Future<Void> ended() {
        return ended;
    }

    /** Whether data may still be written to this leg: nothing may follow a close frame. */
    boolean acceptsData(Leg leg) {
        return !closeSent.get(leg) && channels.get(leg).isActive();
    }

    void countBackpressurePause() {
        backpressurePauses++;
    }

    public long backpressurePauses() {
        return backpressurePauses;
    }

    /** A close frame arrived from {@code from}; this method owns the frame. */
    void onCloseFrame(Leg from, CloseWebSocketFrame frame) {
        closeReceived.put(from, true);
        Leg to = from.other();
        if (acceptsData(to)) {
            sendClose(to, frame);
        } else if (!closeSent.get(from)) {
            // Nobody left to answer for: echo the code back ourselves.
            sendClose(from, CloseFrames.echoOf(frame));
            frame.release();
        } else {
            frame.release();
        }
        if (closeSent.get(from)) {
            channels.get(from).close();
        }
    }

    /** A leg's connection ended; tells the other leg, with a close of its own if it was not already closing. */
    void onLegInactive(Leg leg) {
        if (leg == Leg.UPSTREAM && !closeReceived.get(Leg.UPSTREAM)) {
            upstreamFailed.accept(upstreamFailureDetail);
        }
        if (--legsOpen == 0) {
            ended.trySuccess(null);
            return;
        }
        Leg other = leg.other();
        if (!closeReceived.get(leg) && acceptsData(other)) {
            sendClose(other, abnormalCloseTowards(other));
        } else if (!channels.get(other).isActive() || closeSent.get(other) && closeReceived.get(other)) {
            channels.get(other).close();
        }
    }

    /** Ends a leg that broke the rules or went silent: it gets {@code code} and is closed without waiting. */
    void failLeg(Leg leg, WebSocketCloseStatus status, String detail) {
        logger.log(Level.DEBUG, "{0} {1} leg failed: {2}", channels.get(leg), leg, detail);
        if (leg == Leg.UPSTREAM) {
            upstreamFailureDetail = detail;
        }
        Channel channel = channels.get(leg);
        if (closeSent.get(leg) || !channel.isActive()) {
            channel.close();
            return;
        }
        closeSent.put(leg, true);
        channel.writeAndFlush(CloseFrames.of(status.code(), detail)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Closes both legs with 1001, as a gateway that is going away. */
    public void goingAway(String reason) {
        closeBoth(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, reason);
    }

    /** Closes the client with 1012 so that it reconnects to a healthy target, and the upstream with 1001. */
    public void rehome() {
        closeBoth(WebSocketCloseStatus.SERVICE_RESTART, "target unhealthy, reconnect");
    }

    private void closeBoth(WebSocketCloseStatus towardsClient, String reason) {
        if (acceptsData(Leg.CLIENT)) {
            sendClose(Leg.CLIENT, CloseFrames.of(towardsClient.code(), reason));
        }
        if (acceptsData(Leg.UPSTREAM)) {
            sendClose(Leg.UPSTREAM, CloseFrames.of(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code(), reason));
        }
    }

    /** Closes both connections now, without a close handshake. */
    public void forceClose() {
        channels.values().forEach(Channel::close);
    }

    private CloseWebSocketFrame abnormalCloseTowards(Leg leg) {
        if (leg == Leg.CLIENT) {
            String reason = returnErrorDetails ? upstreamFailureDetail : "upstream connection lost";
            return CloseFrames.of(WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code(), reason);
        }
        return CloseFrames.of(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code(), "client went away");
    }

    private void sendClose(Leg leg, CloseWebSocketFrame frame) {
        closeSent.put(leg, true);
        Channel channel = channels.get(leg);
        ChannelFuture written = channel.writeAndFlush(frame);
        if (closeReceived.get(leg)) {
            written.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ScheduledFuture<?> timeout = channel.eventLoop().schedule(() -> {
            logger.log(Level.DEBUG, "{0} {1} did not answer a close frame in {2} ms", channel, leg,
                    closeTimeoutMillis);
            channel.close();
        }, closeTimeoutMillis, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(closed -> timeout.cancel(false));
    }
}
