package org.gatehouse.core.server;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.util.concurrent.Future;

import org.gatehouse.core.balancer.PolicyFailure;
import org.gatehouse.core.balancer.UpstreamBalancer;
import org.gatehouse.core.config.TargetConfig;
import org.gatehouse.core.config.WebSocketConfig;
import org.gatehouse.core.relay.ProxySession;
import org.gatehouse.core.relay.RelayPipelines;
import org.gatehouse.core.upstream.UpstreamFailure;
import org.gatehouse.core.upstream.UpstreamLeg;
import org.gatehouse.sdk.balancer.LoadBalancingPolicy;

/**
 * The asynchronous part of one admitted handshake, on the client channel's event loop: pick a target, dial it
 * (trying the next target after a connect failure while {@code handshake_timeout} has time left), and only when
 * the upstream accepted the upgrade, answer the client's with the upstream's subprotocol and start relaying.
 *
 * <p>Owns the client's request (released once the client is answered), one {@code max_connections} place and,
 * while a target is chosen, one live-session count on it: each is given back exactly once, when the handshake
 * fails or when the session ends.
 */
final class ProxyHandshake {

    private static final Logger logger = System.getLogger(ProxyHandshake.class.getName());

    private final GatewayState gateway;
    private final ChannelHandlerContext ctx;
    private final FullHttpRequest request;
    private final QueryStringDecoder uri;
    private final String clientAddress;
    private final UpstreamBalancer balancer;
    private final LoadBalancingPolicy policy;
    private final WebSocketConfig websocket;
    private final long deadlineNanos;
    private final Set<String> failedTargets = new HashSet<>();
    private TargetConfig target;

    ProxyHandshake(GatewayState gateway, ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri,
                   String clientAddress, UpstreamBalancer balancer, LoadBalancingPolicy policy) {
        this.gateway = gateway;
        this.ctx = ctx;
        this.request = request;
        this.uri = uri;
        this.clientAddress = clientAddress;
        this.balancer = balancer;
        this.policy = policy;
        this.websocket = balancer.config().websocket();
        this.deadlineNanos = System.nanoTime() + websocket.handshakeTimeout().toNanos();
    }

    void start() {
        dialNextTarget();
    }

    private void dialNextTarget() {
        Optional<TargetConfig> next;
        try {
            next = balancer.pick(policy, failedTargets,
                    new RequestSelectionContext(request.headers(), uri, clientAddress));
        } catch (PolicyFailure e) {
            fail(HttpResponseStatus.SERVICE_UNAVAILABLE, e.getMessage());
            return;
        }
        if (next.isEmpty() && failedTargets.isEmpty()) {
            fail(HttpResponseStatus.SERVICE_UNAVAILABLE, "no healthy target of upstream \""
                    + balancer.config().name() + "\"");
            return;
        }
        if (next.isEmpty()) {
            fail(HttpResponseStatus.BAD_GATEWAY, "no target of upstream \"" + balancer.config().name()
                    + "\" could be reached");
            return;
        }
        target = next.get();
        gateway.load().acquire(balancer.config().name(), target.address());
        URI upstreamUri;
        try {
            upstreamUri = upstreamUri(target);
        } catch (IllegalArgumentException e) {
            fail(HttpResponseStatus.BAD_REQUEST, "request target cannot be forwarded: " + e.getMessage());
            return;
        }
        HttpHeaders headers = ForwardedHeaders.towardsUpstream(request.headers(), target.address(), clientAddress);
        String subprotocols = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        gateway.connector()
                .connect(ctx.channel().eventLoop(), target, websocket, upstreamUri, headers, subprotocols,
                        deadlineNanos)
                .addListener(this::onUpstream);
    }

    private void onUpstream(Future<? super UpstreamLeg> dialed) {
        if (dialed.isSuccess()) {
            upgradeClient((UpstreamLeg) dialed.getNow());
            return;
        }
        UpstreamFailure failure = (UpstreamFailure) dialed.cause();
        if (failure.countsAgainstTarget()) {
            gateway.health().passiveFailure(balancer.config(), target.address(), failure.getMessage());
        }
        switch (failure.kind()) {
            case CONNECT -> {
                logger.log(Level.INFO, "{0} {1}", ctx.channel(), failure.getMessage());
                failedTargets.add(target.address());
                releaseTarget();
                if (System.nanoTime() - deadlineNanos < 0) {
                    dialNextTarget();
                } else {
                    fail(HttpResponseStatus.BAD_GATEWAY, failure.getMessage());
                }
            }
            case REJECTED -> {
                logger.log(Level.INFO, "{0} handshake refused by upstream: {1}", ctx.channel(), failure.getMessage());
                HttpAnswers.relay(ctx, failure.response());
                failure.response().release();
                endWithoutSession();
            }
            case HANDSHAKE -> fail(HttpResponseStatus.BAD_GATEWAY, failure.getMessage());
        }
    }

    private void upgradeClient(UpstreamLeg upstream) {
        Channel client = ctx.channel();
        if (!client.isActive()) {
            upstream.channel().close();
            endWithoutSession();
            return;
        }
        if (!websocket.compression()) {
            client.pipeline().remove(WebSocketServerExtensionHandler.class);
        }
        LegOptions.apply(client.config(), websocket);
        TargetConfig placed = target;
        ProxySession session = new ProxySession(client, upstream.channel(), websocket.handshakeTimeout().toMillis(),
                websocket.returnErrorDetails(),
                why -> gateway.health().passiveFailure(balancer.config(), placed.address(), why));
        RelayPipelines.install(session, websocket);

        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                "ws://" + request.headers().get(HttpHeaderNames.HOST, "gatehouse") + uri.rawPath(),
                upstream.subprotocol(), decoderConfig()).newHandshaker(request);
        HttpHeaders relayedHeaders = ForwardedHeaders.endToEnd(upstream.responseHeaders());
        ChannelPromise upgraded = client.newPromise();
        try {
            handshaker.handshake(client, request, relayedHeaders, upgraded);
        } catch (RuntimeException e) {
            upgraded.tryFailure(e);
        }
        upgraded.addListener(done -> {
            request.release();
            if (!done.isSuccess()) {
                logger.log(Level.INFO, "{0} client upgrade failed: {1}", client, done.cause().toString());
                session.forceClose();
                giveBack();
                return;
            }
            client.pipeline().remove(HandshakeHandler.class);
            gateway.health().passiveSuccess(balancer.config(), target.address());
            gateway.sessions().add(session, balancer.config().name(), target.address());
            session.ended().addListener(ended -> giveBack());
            upstream.startRelaying();
            client.config().setAutoRead(true);
            logger.log(Level.DEBUG, "{0} relaying to {1}", client, upstream.channel());
        });
    }

    private WebSocketDecoderConfig decoderConfig() {
        return WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(websocket.maxMessageSize())
                .allowExtensions(true)
                .closeOnProtocolViolation(true)
                .build();
    }

    private URI upstreamUri(TargetConfig target) {
        String path = target.path().orElse(uri.rawPath());
        String query = uri.rawQuery();
        String scheme = target.secure() ? "wss" : "ws";
        return URI.create(scheme + "://" + target.address() + path + (query.isEmpty() ? "" : "?" + query));
    }

    private void fail(HttpResponseStatus status, String detail) {
        logger.log(Level.WARNING, "{0} handshake failed with {1}: {2}", ctx.channel(), status.code(), detail);
        HttpAnswers.refuse(ctx, status, detail, websocket.returnErrorDetails());
        endWithoutSession();
    }

    /** Ends a handshake that never became a session: the request was not handed to the client's upgrade. */
    private void endWithoutSession() {
        request.release();
        giveBack();
    }

    private void giveBack() {
        releaseTarget();
        gateway.limiter().release();
    }

    private void releaseTarget() {
        if (target != null) {
            gateway.load().release(balancer.config().name(), target.address());
            target = null;
        }
    }
}
