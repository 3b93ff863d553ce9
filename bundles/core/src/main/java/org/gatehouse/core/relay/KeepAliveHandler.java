package org.gatehouse.core.relay;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Pings its leg every {@code ping_period}, and fails the leg when the {@code IdleStateHandler} before it reports
 * that nothing at all was read for {@code pong_wait}.
 */
final class KeepAliveHandler extends ChannelInboundHandlerAdapter {

    private final ProxySession session;
    private final Leg leg;
    private final long pingPeriodMillis;
    private ScheduledFuture<?> pings;

    KeepAliveHandler(ProxySession session, Leg leg, long pingPeriodMillis) {
        this.session = session;
        this.leg = leg;
        this.pingPeriodMillis = pingPeriodMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        pings = ctx.executor().scheduleAtFixedRate(() -> {
            if (session.acceptsData(leg)) {
                ctx.writeAndFlush(new PingWebSocketFrame(), ctx.voidPromise());
            }
        }, pingPeriodMillis, pingPeriodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        pings.cancel(false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pings.cancel(false);
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            session.failLeg(leg, WebSocketCloseStatus.ENDPOINT_UNAVAILABLE,
                    leg.name().toLowerCase() + " sent nothing within pong_wait");
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }
}
