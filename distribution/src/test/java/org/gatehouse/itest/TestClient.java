package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import io.netty.util.ReferenceCountUtil;

/**
 * A real WebSocket client on its own event loop. It sends the upgrade with the headers, subprotocol offers and
 * permessage-deflate offer a test asks for, and keeps the answer whatever it is: a refusal's status, headers and
 * body, or a 101 with the negotiated subprotocol and extensions. After the upgrade it records everything received
 * (see {@link WebSocketPeer}); it answers pings unless told not to, and answers a close frame it did not start.
 *
 * <pre>{@code
 * try (TestClient client = TestClient.to(uri).subprotocols("a", "b").connect()) {
 *     assertEquals(101, client.status());
 *     client.sendText("hi");
 *     assertEquals("hi", client.nextMessage().text());
 * }
 * }</pre>
 */
public final class TestClient extends WebSocketPeer implements AutoCloseable {

    private final Builder config;
    private final EventLoopGroup group;
    private final CompletableFuture<HttpAnswer> answer = new CompletableFuture<>();
    private volatile String requestKey;

    private TestClient(Builder config) {
        this.config = config;
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    /** Starts describing a WebSocket connection to {@code uri} ({@code ws://host:port/path?query}). */
    public static Builder to(URI uri) {
        return new Builder(uri);
    }

    /** A plain HTTP/1.1 GET (no upgrade) to the host, port, path and query of {@code uri}; waits for the answer. */
    public static HttpAnswer get(URI uri, Map<String, String> headers) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            CompletableFuture<HttpAnswer> result = new CompletableFuture<>();
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1024 * 1024),
                                    new ChannelInboundHandlerAdapter() {
                                        @Override
                                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                            if (msg instanceof FullHttpResponse response) {
                                                result.complete(HttpAnswer.copyOf(response));
                                                ctx.close();
                                            }
                                            ReferenceCountUtil.release(msg);
                                        }

                                        @Override
                                        public void channelInactive(ChannelHandlerContext ctx) {
                                            result.completeExceptionally(
                                                    new IOException("connection closed without an answer"));
                                        }
                                    });
                        }
                    });
            Channel ch = bootstrap.connect(uri.getHost(), port(uri)).syncUninterruptibly().channel();
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                    pathAndQuery(uri), Unpooled.EMPTY_BUFFER);
            request.headers().set(HttpHeaderNames.HOST, uri.getHost() + ':' + port(uri));
            headers.forEach(request.headers()::set);
            await(ch.writeAndFlush(request), "GET " + uri);
            return result.get(DEFAULT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer to GET " + uri + " within " + DEFAULT_WAIT, e);
        } catch (ExecutionException e) {
            throw new AssertionError("GET " + uri + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
        }
    }

    /** Completes with the answer to the upgrade request: a 101 once the handshake is done, or a refusal. */
    public CompletableFuture<HttpAnswer> answer() {
        return answer;
    }

    /** The answer to the upgrade, waiting at most {@link #DEFAULT_WAIT}; fails the test without one. */
    public HttpAnswer awaitAnswer() {
        return awaitAnswer(DEFAULT_WAIT);
    }

    public HttpAnswer awaitAnswer(Duration timeout) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer to the upgrade of " + config.uri + " within " + timeout, e);
        } catch (ExecutionException e) {
            throw new AssertionError("upgrade of " + config.uri + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public int status() {
        return awaitAnswer().status();
    }

    /** Fails the test unless the upgrade was accepted. */
    public TestClient assertUpgraded() {
        HttpAnswer a = awaitAnswer();
        assertEquals("upgrade of " + config.uri + " answered " + a, 101, a.status());
        return this;
    }

    /** The subprotocol the server chose, or null. */
    public String subprotocol() {
        return awaitAnswer().header(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL.toString());
    }

    /** The Sec-WebSocket-Extensions header of the answer, or "" when there is none. */
    public String extensions() {
        String value = awaitAnswer().header(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS.toString());
        return value == null ? "" : value;
    }

    /** The Sec-WebSocket-Key this client sent. */
    public String requestKey() {
        return requestKey;
    }

    /** Ends the connection (abruptly if still open) and stops the event loop, each step bounded. */
    @Override
    public void close() {
        try {
            disconnect();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
        }
    }

    @Override
    public String toString() {
        return "TestClient(" + config.uri + ")";
    }

    private void open() {
        Handshaker handshaker = new Handshaker(config);
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast(new HttpClientCodec());
                        p.addLast(new HttpObjectAggregator(1024 * 1024));
                        if (config.offerDeflate) {
                            p.addLast(new WebSocketClientExtensionHandler(
                                    new PerMessageDeflateClientExtensionHandshaker(TestUpstream.MAX_FRAME)));
                        }
                        p.addLast(new ClientHandler(handshaker));
                    }
                });
        ChannelFuture connect = bootstrap.connect(config.uri.getHost(), port(config.uri));
        if (!connect.awaitUninterruptibly(DEFAULT_WAIT.toMillis()) || !connect.isSuccess()) {
            answer.completeExceptionally(new IOException("cannot connect to " + config.uri, connect.cause()));
            return;
        }
        attach(connect.channel());
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : 80;
    }

    private static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + '?' + uri.getRawQuery();
    }

    /** What to connect to and how. */
    public static final class Builder {
        private final URI uri;
        private final HttpHeaders headers = new DefaultHttpHeaders();
        private final List<String> subprotocols = new ArrayList<>();
        private boolean offerDeflate;
        private boolean autoPong = true;
        private String connectionHeader;

        private Builder(URI uri) {
            this.uri = uri;
        }

        /** Adds a request header; a Host header given here replaces the one derived from the URI. */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /** The subprotocols to offer, in order. */
        public Builder subprotocols(String... offers) {
            subprotocols.addAll(List.of(offers));
            return this;
        }

        /** Offer permessage-deflate (and use it when the server accepts). */
        public Builder offerDeflate() {
            this.offerDeflate = true;
            return this;
        }

        /** Whether to answer pings with pongs (default: yes). Without, pings are only recorded. */
        public Builder autoPong(boolean autoPong) {
            this.autoPong = autoPong;
            return this;
        }

        /**
         * Replaces the request's Connection header (normally {@code Upgrade}), e.g. with {@code Upgrade, X-Hop} to
         * name an extra hop-by-hop header.
         */
        public Builder connectionHeader(String value) {
            this.connectionHeader = value;
            return this;
        }

        /** Connects and sends the upgrade request without waiting for the answer (see {@link #answer()}). */
        public TestClient open() {
            TestClient client = new TestClient(this);
            client.open();
            return client;
        }

        /** Connects and waits (bounded) for the answer to the upgrade, whatever it is. */
        public TestClient connect() {
            TestClient client = open();
            client.awaitAnswer();
            return client;
        }
    }

    /** Netty's version 13 handshaker, with the Connection header a test asked for and the key remembered. */
    private final class Handshaker extends WebSocketClientHandshaker13 {
        Handshaker(Builder config) {
            super(config.uri, WebSocketVersion.V13,
                    config.subprotocols.isEmpty() ? null : String.join(",", config.subprotocols),
                    true, config.headers, TestUpstream.MAX_FRAME, true, false);
        }

        @Override
        protected FullHttpRequest newHandshakeRequest() {
            FullHttpRequest request = super.newHandshakeRequest();
            requestKey = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
            if (config.connectionHeader != null) {
                request.headers().set(HttpHeaderNames.CONNECTION, config.connectionHeader);
            }
            return request;
        }
    }

    private final class ClientHandler extends ChannelInboundHandlerAdapter {
        private final Handshaker handshaker;

        ClientHandler(Handshaker handshaker) {
            this.handshaker = handshaker;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handshaker.handshake(ctx.channel()).addListener(f -> {
                if (!f.isSuccess()) {
                    answer.completeExceptionally(f.cause());
                }
            });
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpResponse response) {
                try {
                    onAnswer(ctx, response);
                } finally {
                    response.release();
                }
            } else if (msg instanceof WebSocketFrame frame) {
                onFrame(ctx, frame);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        private void onAnswer(ChannelHandlerContext ctx, FullHttpResponse response) {
            HttpAnswer copy = HttpAnswer.copyOf(response);
            if (copy.status() != 101) {
                answer.complete(copy);
                ctx.close();
                return;
            }
            try {
                handshaker.finishHandshake(ctx.channel(), response);
                answer.complete(copy);
            } catch (RuntimeException e) {
                answer.completeExceptionally(new IOException("invalid 101 answer " + copy, e));
                ctx.close();
            }
        }

        private void onFrame(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof CloseWebSocketFrame close) {
                recordClose(close);
                if (closeSent()) {
                    close.release();
                    ctx.close();
                } else {
                    markCloseSent();
                    ctx.writeAndFlush(new CloseWebSocketFrame(true, 0, close.content()))
                            .addListener(ChannelFutureListener.CLOSE);
                }
            } else if (frame instanceof PingWebSocketFrame ping) {
                recordPing(ping);
                if (config.autoPong) {
                    ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
                } else {
                    ping.release();
                }
            } else if (frame instanceof PongWebSocketFrame pong) {
                recordPong(pong);
                pong.release();
            } else {
                recordData(frame);
                frame.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            answer.completeExceptionally(new IOException("connection closed before an answer to the upgrade"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            answer.completeExceptionally(cause);
            ctx.close();
        }
    }
}
