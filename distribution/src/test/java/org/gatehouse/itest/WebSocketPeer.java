package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * One end of a WebSocket connection in a test, client or upstream: what it received (data frames, pings, pongs, the
 * close frame, the end of TCP) and how a test makes it send. Received frames are copied and released on the event
 * loop; the test thread reads the copies with bounded waits.
 */
public abstract class WebSocketPeer {

    /** How long a single send or receive waits unless a test says otherwise. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> pings = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseStatus> closeReceived = new CompletableFuture<>();
    private final CompletableFuture<Void> disconnected = new CompletableFuture<>();
    private volatile boolean closeSent;
    private volatile Channel channel;

    final void attach(Channel ch) {
        this.channel = ch;
        ch.closeFuture().addListener(f -> disconnected.complete(null));
    }

    final Channel channel() {
        Channel ch = channel;
        if (ch == null) {
            throw new IllegalStateException("not connected");
        }
        return ch;
    }

    final boolean closeSent() {
        return closeSent;
    }

    // ---- receiving side, called on the event loop ----

    /** Records a data frame; returns the copy, or null if it is a control frame. Never releases. */
    final Frame recordData(WebSocketFrame frame) {
        Frame copy = Frame.copyOf(frame);
        if (copy != null) {
            frames.add(copy);
        }
        return copy;
    }

    final void recordPing(PingWebSocketFrame ping) {
        pings.add(ByteBufUtil.getBytes(ping.content()));
    }

    final void recordPong(PongWebSocketFrame pong) {
        pongs.add(ByteBufUtil.getBytes(pong.content()));
    }

    final void recordClose(CloseWebSocketFrame close) {
        int code = close.statusCode();
        String reason = close.content().readableBytes() > 2 ? close.reasonText() : "";
        closeReceived.complete(new CloseStatus(code < 0 ? CloseStatus.NO_STATUS : code, reason));
    }

    final void markCloseSent() {
        closeSent = true;
    }

    // ---- test side ----

    /** Sends one data frame and waits until it is written. */
    public void send(Frame frame) {
        await(channel().writeAndFlush(frame.toNetty()), "send " + frame);
    }

    public void sendText(String text) {
        send(Frame.text(text, true));
    }

    public void sendBinary(byte[] data) {
        send(Frame.binary(data, true));
    }

    /** Sends a text message as fragments: a TEXT frame, then CONTINUATION frames, the last with fin. */
    public void sendTextFragments(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            boolean fin = i == parts.length - 1;
            send(i == 0 ? Frame.text(parts[i], fin) : Frame.continuation(parts[i], fin));
        }
    }

    public void ping(String payload) {
        await(channel().writeAndFlush(new PingWebSocketFrame(
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8))), "ping");
    }

    public void pong(String payload) {
        await(channel().writeAndFlush(new PongWebSocketFrame(
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8))), "pong");
    }

    /** Starts the closing handshake with this code and reason; the peer's answer shows in {@link #closeReceived}. */
    public void sendClose(int code, String reason) {
        markCloseSent();
        await(channel().writeAndFlush(new CloseWebSocketFrame(code, reason)), "close " + code);
    }

    /** Ends the TCP connection without a close frame. */
    public void disconnect() {
        Channel ch = channel;
        if (ch != null) {
            ch.close().awaitUninterruptibly(DEFAULT_WAIT.toMillis());
        }
    }

    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /** The next data frame, waiting at most {@code timeout}; fails the test if none arrives. */
    public Frame nextFrame(Duration timeout) {
        return take(frames, timeout, "a data frame");
    }

    public Frame nextFrame() {
        return nextFrame(DEFAULT_WAIT);
    }

    /** The next whole message: frames up to and including one with fin, all within {@code timeout}. */
    public Message nextMessage(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Frame> parts = new ArrayList<>();
        do {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Frame frame = take(frames, left, parts.isEmpty() ? "a message" : "the rest of a message after " + parts);
            boolean first = parts.isEmpty();
            assertEquals("frame " + parts.size() + " of a message: " + frame, first,
                    frame.kind() != Frame.Kind.CONTINUATION);
            parts.add(frame);
        } while (!parts.get(parts.size() - 1).fin());
        return new Message(parts);
    }

    public Message nextMessage() {
        return nextMessage(DEFAULT_WAIT);
    }

    /** The next frame if one arrives within {@code timeout}, else null: for asserting that nothing came. */
    public Frame pollFrame(Duration timeout) {
        return poll(frames, timeout);
    }

    public byte[] nextPing(Duration timeout) {
        return take(pings, timeout, "a ping");
    }

    public byte[] pollPing(Duration timeout) {
        return poll(pings, timeout);
    }

    /** Every ping received so far, removed from the queue. */
    public List<String> drainPings() {
        List<byte[]> drained = new ArrayList<>();
        pings.drainTo(drained);
        List<String> texts = new ArrayList<>();
        drained.forEach(p -> texts.add(new String(p, StandardCharsets.UTF_8)));
        return texts;
    }

    public byte[] nextPong(Duration timeout) {
        return take(pongs, timeout, "a pong");
    }

    public byte[] pollPong(Duration timeout) {
        return poll(pongs, timeout);
    }

    /** Completes with the status of the first close frame received from the peer. */
    public CompletableFuture<CloseStatus> closeReceived() {
        return closeReceived;
    }

    /** The status of the peer's close frame, waiting at most {@code timeout}; fails the test if none arrives. */
    public CloseStatus awaitCloseFrame(Duration timeout) {
        try {
            return closeReceived.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no close frame within " + timeout + " (TCP "
                    + (disconnected.isDone() ? "closed" : "still open") + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /** Completes when the TCP connection has ended, whoever ended it. */
    public CompletableFuture<Void> disconnected() {
        return disconnected;
    }

    /** Waits at most {@code timeout} for the TCP connection to end; fails the test if it stays open. */
    public void awaitDisconnected(Duration timeout) {
        try {
            disconnected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("connection still open after " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    // ---- helpers ----

    static void await(ChannelFuture future, String what) {
        assertTrue(what + " not done within " + DEFAULT_WAIT, future.awaitUninterruptibly(DEFAULT_WAIT.toMillis()));
        if (!future.isSuccess()) {
            throw new AssertionError(what + " failed", future.cause());
        }
    }

    private static <T> T take(BlockingQueue<T> queue, Duration timeout, String what) {
        T item = poll(queue, timeout);
        if (item == null) {
            fail("waited " + timeout + " for " + what + " in vain");
        }
        return item;
    }

    private static <T> T poll(BlockingQueue<T> queue, Duration timeout) {
        try {
            return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
