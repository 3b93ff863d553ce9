package org.gatehouse.core.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Enforces {@code max_message_size} over whole messages: the frame decoder bounds single frames, this bounds the
 * sum of a fragmented message's frames (after decompression). Past the limit the sender gets close 1009.
 */
final class MessageSizeLimitHandler extends ChannelInboundHandlerAdapter {

    private final ProxySession session;
    private final Leg leg;
    private final long maxMessageSize;
    private long messageSize;
    private boolean discarding;

    MessageSizeLimitHandler(ProxySession session, Leg leg, long maxMessageSize) {
        this.session = session;
        this.leg = leg;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                || msg instanceof ContinuationWebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        WebSocketFrame frame = (WebSocketFrame) msg;
        if (!(frame instanceof ContinuationWebSocketFrame)) {
            messageSize = 0;
        }
        messageSize += frame.content().readableBytes();
        if (discarding || messageSize > maxMessageSize) {
            frame.release();
            if (!discarding) {
                discarding = true;
                session.failLeg(leg, WebSocketCloseStatus.MESSAGE_TOO_BIG,
                        "message exceeds max_message_size (" + maxMessageSize + " bytes)");
            }
            return;
        }
        ctx.fireChannelRead(frame);
    }
}
