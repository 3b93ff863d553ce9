package org.gatehouse.itest;

import static org.junit.Assert.fail;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * A real WebSocket server on 127.0.0.1 standing in for an upstream. It echoes data frames exactly as received
 * (fragments stay fragments), answers pings and close frames, and records every upgrade request, every frame and
 * every close status per connection. Two text commands steer it from the far end: {@code vanish} ends the TCP
 * connection without a close frame, {@code close:<code>:<reason>} sends that close frame.
 *
 * <p>For health checks it can also serve an HTTP health endpoint ({@link Builder#healthPath}) whose status a test
 * changes at run time, and a WebSocket probe path ({@link Builder#probePath}) that upgrades or refuses; both are
 * recorded apart from ordinary upgrades, so {@link #requestCount()} counts only the sessions the gateway placed. A
 * run-time switch ({@link #upgradeStatus}) makes ordinary upgrades fail with a status while the port stays open.
 *
 * <pre>{@code
 * try (TestUpstream upstream = TestUpstream.builder().subprotocols("b").start()) {
 *     ... connect through the gateway ...
 *     UpstreamConnection leg = upstream.nextConnection(Duration.ofSeconds(5));
 *     assertEquals("/target", leg.request().path());
 * }
 * }</pre>
 */
public final class TestUpstream implements AutoCloseable {

    /** Large enough for the tests' biggest message in one frame. */
    static final int MAX_FRAME = 64 * 1024 * 1024;

    private final Builder config;
    private final EventLoopGroup group;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final BlockingQueue<UpstreamConnection> arrivals = new LinkedBlockingQueue<>();
    private final Queue<UpstreamConnection> all = new ConcurrentLinkedQueue<>();
    private final Queue<CheckRequest> healthChecks = new ConcurrentLinkedQueue<>();
    private final Queue<CheckRequest> probes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger accepted = new AtomicInteger();
    /** Notified whenever a request of any kind was recorded, for the bounded waits on counts. */
    private final Object recorded = new Object();
    private final Channel server;
    /** Kept from the bind: still known after {@link #close}, e.g. to start a new server on the same port. */
    private final int port;
    private volatile boolean silent;
    private volatile int upgradeStatus;
    private volatile int healthStatus = 200;
    private volatile boolean probeAccepts = true;

    private TestUpstream(Builder config) {
        this.config = config;
        this.group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            channels.add(ch);
                            accepted.incrementAndGet();
                            UpstreamConnection connection = new UpstreamConnection();
                            connection.attach(ch);
                            ChannelPipeline p = ch.pipeline();
                            p.addLast(new HttpServerCodec());
                            p.addLast(new HttpObjectAggregator(1024 * 1024));
                            p.addLast(new ResponseRecorder(connection));
                            if (config.acceptDeflate) {
                                p.addLast(new WebSocketServerExtensionHandler(
                                        new PerMessageDeflateServerExtensionHandshaker(MAX_FRAME)));
                            }
                            p.addLast(new UpstreamHandler(connection));
                        }
                    });
            io.netty.channel.ChannelFuture bind = bootstrap.bind(new InetSocketAddress("127.0.0.1", config.port));
            if (!bind.awaitUninterruptibly(WebSocketPeer.DEFAULT_WAIT.toMillis()) || !bind.isSuccess()) {
                throw new IllegalStateException("cannot bind 127.0.0.1:" + config.port, bind.cause());
            }
            server = bind.channel();
            port = ((InetSocketAddress) server.localAddress()).getPort();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return port;
    }

    /** While silent, the upstream sends nothing at all: no echo, no pong, no close answer. It still records. */
    public void silent(boolean silent) {
        this.silent = silent;
    }

    /**
     * From now on, answer ordinary upgrade requests with {@code status} (a text/plain body, then close) while the
     * port stays open; 0 goes back to upgrading. Health and probe paths are not affected.
     */
    public void upgradeStatus(int status) {
        this.upgradeStatus = status;
    }

    /** The status the health endpoint answers from now on (200 to start with). */
    public void healthStatus(int status) {
        this.healthStatus = status;
    }

    /** Whether upgrades on the probe path are accepted (the default) or refused with 503 from now on. */
    public void probeAccepts(boolean accepts) {
        this.probeAccepts = accepts;
    }

    /** The next connection that sent an upgrade request, in arrival order (whatever the upstream answered). */
    public UpstreamConnection nextConnection(Duration timeout) {
        try {
            UpstreamConnection next = arrivals.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (next == null) {
                fail("no upgrade request reached the upstream on port " + port() + " within " + timeout);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public UpstreamConnection nextConnection() {
        return nextConnection(WebSocketPeer.DEFAULT_WAIT);
    }

    /** The connection that arrives next if one arrives within {@code timeout}, else null. */
    public UpstreamConnection pollConnection(Duration timeout) {
        try {
            return arrivals.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** How many upgrade requests arrived so far, health checks and probes not included. */
    public int requestCount() {
        return all.size();
    }

    /** How many TCP connections this server accepted so far, whatever they sent. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** The requests to the health path so far, with the status each was answered with. */
    public List<CheckRequest> healthChecks() {
        return new ArrayList<>(healthChecks);
    }

    /** How many health requests were answered with {@code status} so far. */
    public int healthChecksAnswered(int status) {
        return (int) healthChecks.stream().filter(c -> c.status() == status).count();
    }

    /** The upgrade requests to the probe path so far, with 101 or the refusal status each was answered with. */
    public List<CheckRequest> probes() {
        return new ArrayList<>(probes);
    }

    /** Waits, at most {@code timeout}, until more than {@code count} ordinary upgrade requests arrived. */
    public boolean awaitRequestsAbove(int count, Duration timeout) {
        return awaitAbove(all::size, count, timeout);
    }

    /** Waits, at most {@code timeout}, until more than {@code count} health requests arrived. */
    public boolean awaitHealthChecksAbove(int count, Duration timeout) {
        return awaitAbove(healthChecks::size, count, timeout);
    }

    /** Waits, at most {@code timeout}, until more than {@code count} health requests got {@code status}. */
    public boolean awaitHealthChecksAnsweredAbove(int status, int count, Duration timeout) {
        return awaitAbove(() -> healthChecksAnswered(status), count, timeout);
    }

    /** Waits, at most {@code timeout}, until a probe upgrade that satisfies {@code wanted} arrived. */
    public boolean awaitProbes(Predicate<CheckRequest> wanted, Duration timeout) {
        return awaitAbove(() -> (int) probes.stream().filter(wanted).count(), 0, timeout);
    }

    private boolean awaitAbove(IntSupplier current, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (recorded) {
            while (current.getAsInt() <= count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(recorded, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
            return true;
        }
    }

    private void signalRecorded() {
        synchronized (recorded) {
            recorded.notifyAll();
        }
    }

    /**
     * Waits, at most {@code timeout} in all, until every connection that sent an upgrade request has ended. The
     * gateway ends the upstream leg when a session ends, so this is how a test waits for sessions to be gone.
     *
     * @return whether all ended in time
     */
    public boolean awaitAllDisconnected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (UpstreamConnection connection : all) {
            long left = deadline - System.nanoTime();
            try {
                connection.disconnected().get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                return false;
            }
        }
        return true;
    }

    /** Stops listening, ends every connection and stops the event loops, each step bounded. */
    @Override
    public void close() {
        server.close().awaitUninterruptibly(5_000);
        channels.close().awaitUninterruptibly(5_000);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10_000);
    }

    @Override
    public String toString() {
        return "TestUpstream(127.0.0.1:" + port() + ")";
    }

    /** How the upstream behaves; every switch defaults to an ordinary echo server. */
    public static final class Builder {
        private int port;
        private List<String> subprotocols = List.of();
        private boolean acceptDeflate;
        private HttpResponseStatus rejectStatus;
        private String rejectBody = "";
        private boolean neverAnswerUpgrade;
        private String healthPath;
        private String probePath;

        private Builder() {
        }

        /** Serve an HTTP health endpoint on this path: any request to it gets {@link #healthStatus}, then close. */
        public Builder healthPath(String path) {
            this.healthPath = path;
            return this;
        }

        /** Treat upgrades on this path as WebSocket health probes: upgrade (and answer pings) or refuse. */
        public Builder probePath(String path) {
            this.probePath = path;
            return this;
        }

        /** The port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The subprotocols it supports; it picks the first one the client offers that it supports. */
        public Builder subprotocols(String... subprotocols) {
            this.subprotocols = List.of(subprotocols);
            return this;
        }

        /** Whether it accepts a permessage-deflate offer (default: no). */
        public Builder acceptDeflate(boolean acceptDeflate) {
            this.acceptDeflate = acceptDeflate;
            return this;
        }

        /** Answer every upgrade with this status and a text/plain body, then close. */
        public Builder reject(int status, String body) {
            this.rejectStatus = HttpResponseStatus.valueOf(status);
            this.rejectBody = body;
            return this;
        }

        /** Accept TCP, read the upgrade request, and never answer it. */
        public Builder neverAnswerUpgrade() {
            this.neverAnswerUpgrade = true;
            return this;
        }

        public TestUpstream start() {
            return new TestUpstream(this);
        }
    }

    /**
     * A health check or probe that reached the upstream.
     *
     * @param request the request as it arrived
     * @param status what the upstream answered: the health status, or 101 / the refusal for a probe
     * @param nanoTime when it arrived, on the {@link System#nanoTime()} clock
     */
    public record CheckRequest(RecordedRequest request, int status, long nanoTime) {
    }

    /** One TCP connection to the upstream: its upgrade request and answer, then what it received as a WebSocket. */
    public static final class UpstreamConnection extends WebSocketPeer {
        private volatile RecordedRequest request;
        private volatile HttpAnswer answer;

        /** The upgrade request as it arrived. */
        public RecordedRequest request() {
            return request;
        }

        /** The status and headers the upstream answered with (body omitted), or null if it has not answered. */
        public HttpAnswer answer() {
            return answer;
        }

        /** The extensions this upstream agreed to, from its own 101 answer; empty when none. */
        public String negotiatedExtensions() {
            HttpAnswer a = answer;
            String value = a == null ? null : a.header(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS.toString());
            return value == null ? "" : value;
        }

        @Override
        public String toString() {
            return "UpstreamConnection(" + request + ")";
        }
    }

    /** Sees every response on its way out, after the extension handler added its header. */
    private static final class ResponseRecorder extends ChannelOutboundHandlerAdapter {
        private final UpstreamConnection connection;

        ResponseRecorder(UpstreamConnection connection) {
            this.connection = connection;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof HttpResponse response) {
                connection.answer = new HttpAnswer(response.status().code(), response.headers().copy(), "");
            }
            ctx.write(msg, promise);
        }
    }

    private final class UpstreamHandler extends ChannelInboundHandlerAdapter {
        private final UpstreamConnection connection;

        UpstreamHandler(UpstreamConnection connection) {
            this.connection = connection;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request) {
                try {
                    onRequest(ctx, request);
                } finally {
                    request.release();
                }
            } else if (msg instanceof WebSocketFrame frame) {
                onFrame(ctx, frame);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        private void onRequest(ChannelHandlerContext ctx, FullHttpRequest request) {
            RecordedRequest copy = RecordedRequest.copyOf(request);
            if (copy.path().equals(config.healthPath)) {
                int status = healthStatus;
                healthChecks.add(new CheckRequest(copy, status, System.nanoTime()));
                signalRecorded();
                answerAndClose(ctx, HttpResponseStatus.valueOf(status), "health " + status + "\n");
                return;
            }
            if (copy.path().equals(config.probePath)) {
                boolean accept = probeAccepts;
                probes.add(new CheckRequest(copy, accept ? 101 : 503, System.nanoTime()));
                signalRecorded();
                if (accept) {
                    upgrade(ctx, request);
                } else {
                    answerAndClose(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "probe refused by the test\n");
                }
                return;
            }
            connection.request = copy;
            all.add(connection);
            arrivals.add(connection);
            signalRecorded();
            if (config.neverAnswerUpgrade) {
                return;
            }
            if (config.rejectStatus != null) {
                answerAndClose(ctx, config.rejectStatus, config.rejectBody);
                return;
            }
            int failWith = upgradeStatus;
            if (failWith != 0) {
                answerAndClose(ctx, HttpResponseStatus.valueOf(failWith), "upgrade refused by the test upstream\n");
                return;
            }
            upgrade(ctx, request);
        }

        private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
            HttpHeaders headers = request.headers();
            if (!headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
                answerAndClose(ctx, HttpResponseStatus.BAD_REQUEST, "not a websocket upgrade\n");
                return;
            }
            String url = "ws://" + headers.get(HttpHeaderNames.HOST, "127.0.0.1") + request.uri();
            String supported = config.subprotocols.isEmpty() ? null : String.join(",", config.subprotocols);
            WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(url, supported, true, MAX_FRAME)
                    .newHandshaker(request);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            handshaker.handshake(ctx.channel(), request);
        }

        private void onFrame(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof CloseWebSocketFrame close) {
                connection.recordClose(close);
                if (silent) {
                    close.release();
                } else if (connection.closeSent()) {
                    close.release();
                    ctx.close();
                } else {
                    connection.markCloseSent();
                    ctx.writeAndFlush(new CloseWebSocketFrame(true, 0, close.content()))
                            .addListener(ChannelFutureListener.CLOSE);
                }
            } else if (frame instanceof PingWebSocketFrame ping) {
                connection.recordPing(ping);
                if (silent) {
                    ping.release();
                } else {
                    ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
                }
            } else if (frame instanceof PongWebSocketFrame pong) {
                connection.recordPong(pong);
                pong.release();
            } else {
                Frame copy = connection.recordData(frame);
                if (frame instanceof TextWebSocketFrame && frame.isFinalFragment() && command(ctx, copy.text())) {
                    frame.release();
                } else if (silent) {
                    frame.release();
                } else {
                    ctx.writeAndFlush(frame);
                }
            }
        }

        /** Runs a text command; returns false when the text is an ordinary message to echo. */
        private boolean command(ChannelHandlerContext ctx, String text) {
            if (text.equals("vanish")) {
                ctx.close();
                return true;
            }
            if (text.startsWith("close:")) {
                String[] parts = text.split(":", 3);
                connection.markCloseSent();
                String reason = parts.length > 2 ? parts[2] : "";
                ctx.writeAndFlush(new CloseWebSocketFrame(Integer.parseInt(parts[1]), reason));
                return true;
            }
            return false;
        }

        private void answerAndClose(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The connections that sent an upgrade request so far, in arrival order. */
    public List<UpstreamConnection> connections() {
        return new ArrayList<>(all);
    }
}
