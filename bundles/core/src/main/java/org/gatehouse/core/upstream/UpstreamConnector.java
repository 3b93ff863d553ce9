package org.gatehouse.core.upstream;

import java.net.URI;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import org.gatehouse.core.config.TargetConfig;
import org.gatehouse.core.config.WebSocketConfig;
import org.gatehouse.core.server.LegOptions;
import org.gatehouse.core.server.Transport;

/**
 * Opens upstream WebSocket connections: TCP connect on the client channel's event loop (so both legs of a session
 * share one thread), then the upgrade, all within a deadline.
 */
public final class UpstreamConnector {

    /** The largest upgrade answer (headers and body) accepted from an upstream. */
    static final int MAX_UPGRADE_ANSWER_BYTES = 64 * 1024;

    /** Unused by the relay, which runs its own close handshake; the handshaker requires a value. */
    private static final long FORCE_CLOSE_TIMEOUT_MILLIS = 10_000;

    private final Transport transport;
    private final SslContext sslContext;

    public UpstreamConnector(Transport transport) {
        this.transport = transport;
        try {
            this.sslContext = SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot create the TLS client context", e);
        }
    }

    /**
     * Dials {@code target} and upgrades to WebSocket.
     *
     * @param loop the client channel's event loop
     * @param uri the upstream URI: scheme, target authority, path and query
     * @param headers the headers to send with the upgrade (already filtered and extended)
     * @param subprotocols the client's subprotocol offers as a comma-separated list, or null
     * @param deadlineNanos when the whole attempt must be done, in {@link System#nanoTime()} terms
     * @return the upgraded leg, or an {@link UpstreamFailure}
     */
    public Future<UpstreamLeg> connect(EventLoop loop, TargetConfig target, WebSocketConfig config, URI uri,
                                       HttpHeaders headers, String subprotocols, long deadlineNanos) {
        Promise<UpstreamLeg> result = loop.newPromise();
        long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri,
                WebSocketVersion.V13, subprotocols, true, headers, config.maxMessageSize(), true, false, FORCE_CLOSE_TIMEOUT_MILLIS, false,
                false);

        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, remainingMillis))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        LegOptions.apply(channel.config(), config);
                        ChannelPipeline pipeline = channel.pipeline();
                        if (target.secure()) {
                            pipeline.addLast("tls", sslContext.newHandler(channel.alloc(), target.host(), target.port()));
                        }
                        pipeline.addLast("http", new HttpClientCodec());
                        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_UPGRADE_ANSWER_BYTES));
                        if (config.compression()) {
                            pipeline.addLast("ws-compression",
                                    new WebSocketClientCompressionHandler(config.maxMessageSize()));
                        }
                        pipeline.addLast("upstream-handshake",
                                new UpstreamHandshakeHandler(handshaker, result, target.address()));
                    }
                });

        ChannelFuture connecting = bootstrap.connect(target.host(), target.port());
        Channel channel = connecting.channel();
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                result.tryFailure(new UpstreamFailure(UpstreamFailure.Kind.CONNECT,
                        "connect to " + target.address() + " failed: " + connected.cause().getMessage(),
                        connected.cause()));
            }
        });
        ScheduledFuture<?> timeout = loop.schedule(() -> {
            result.tryFailure(new UpstreamFailure(UpstreamFailure.Kind.HANDSHAKE,
                    target.address() + " did not complete the upgrade within handshake_timeout ("
                            + config.handshakeTimeout().toMillis() + " ms)", null));
        }, remainingMillis, TimeUnit.MILLISECONDS);
        result.addListener(done -> {
            timeout.cancel(false);
            if (!done.isSuccess()) {
                channel.close();
            }
        });
        return result;
    }
}
