package org.gatehouse.core.relay;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Relays the frames of one leg to the other, as they are: no copy, no aggregation. Flushes once per read batch.
 *
 * <p>Backpressure: when this leg cannot take more writes (its write buffer passed the high water mark), reading
 * from the other leg stops until it drains below the low water mark, so a slow peer cannot grow the heap.
 */
final class FrameRelayHandler extends ChannelInboundHandlerAdapter {

    private static final Logger logger = System.getLogger(FrameRelayHandler.class.getName());

    private final ProxySession session;
    private final Leg leg;
    private boolean flushPending;

    FrameRelayHandler(ProxySession session, Leg leg) {
        this.session = session;
        this.leg = leg;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping) {
            // Each leg keeps itself alive: answer here rather than forward.
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
        } else if (msg instanceof PongWebSocketFrame) {
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof CloseWebSocketFrame close) {
            flushPeer();
            session.onCloseFrame(leg, close);
        } else if (msg instanceof WebSocketFrame && session.acceptsData(leg.other())) {
            session.channel(leg.other()).write(msg, session.channel(leg.other()).voidPromise());
            flushPending = true;
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushPeer();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        Channel source = session.channel(leg.other());
        if (!writable) {
            session.countBackpressurePause();
        }
        source.config().setAutoRead(writable);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        flushPeer();
        session.onLegInactive(leg);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        logger.log(Level.DEBUG, "{0} {1} leg error: {2}", ctx.channel(), leg, cause.toString());
        ctx.close();
    }

    private void flushPeer() {
        if (flushPending) {
            flushPending = false;
            session.channel(leg.other()).flush();
        }
    }
}
