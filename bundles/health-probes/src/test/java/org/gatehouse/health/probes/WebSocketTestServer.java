package org.gatehouse.health.probes;

import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * A WebSocket server on 127.0.0.1 for probe tests. Any path upgrades and answers pings (Netty's protocol handler
 * does), except {@value #REFUSE}, answered 503 without an upgrade; {@value #SILENT}, which upgrades and then never
 * answers a ping; and {@value #HOLD}, whose upgrade waits until the test calls {@link Connection#releaseUpgrade}.
 * Every connection is reported with what the server saw of it.
 */
final class WebSocketTestServer implements AutoCloseable {

    static final String REFUSE = "/refuse";
    static final String SILENT = "/silent";
    static final String HOLD = "/hold";

    /** What the server saw of one connection. */
    static final class Connection {
        final String uri;
        final HttpHeaders headers;
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        final CompletableFuture<Void> pingSwallowed = new CompletableFuture<>();
        private volatile Runnable heldUpgrade;

        Connection(String uri, HttpHeaders headers) {
            this.uri = uri;
            this.headers = headers;
        }

        /** Lets a held upgrade request go on to the protocol handler, which completes the handshake. */
        void releaseUpgrade() {
            heldUpgrade.run();
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();
    private final Channel serverChannel;

    WebSocketTestServer() throws InterruptedException {
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .build();
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192), new Spy(),
                                new WebSocketServerProtocolHandler(config));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The next connection that requested this URI, waiting at most a few seconds; others are skipped. */
    Connection nextConnection(String uri) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            Connection connection = connections.poll(left, TimeUnit.NANOSECONDS);
            if (connection != null && connection.uri.equals(uri)) {
                return connection;
            }
        }
        throw new AssertionError("no connection to " + uri + " reached the server");
    }

    void forgetConnections() {
        connections.clear();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Sits before the protocol handler: records requests and close frames, refuses or silences some paths. */
    private final class Spy extends ChannelInboundHandlerAdapter {

        private Connection connection;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request) {
                connection = new Connection(request.uri(), request.headers().copy());
                Connection seen = connection;
                ctx.channel().closeFuture().addListener(f -> seen.closed.complete(null));
                connections.add(seen);
                if (request.uri().startsWith(REFUSE)) {
                    request.release();
                    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                            HttpResponseStatus.SERVICE_UNAVAILABLE);
                    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                if (request.uri().startsWith(HOLD)) {
                    seen.heldUpgrade = () -> ctx.executor().execute(() -> ctx.fireChannelRead(request));
                    return;
                }
            } else if (msg instanceof CloseWebSocketFrame close) {
                connection.closeCode.complete(close.statusCode());
            } else if (msg instanceof PingWebSocketFrame && connection.uri.startsWith(SILENT)) {
                ReferenceCountUtil.release(msg);
                connection.pingSwallowed.complete(null);
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
