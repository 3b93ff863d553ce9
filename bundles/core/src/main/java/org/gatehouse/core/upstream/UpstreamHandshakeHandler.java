package org.gatehouse.core.upstream;

import java.util.ArrayDeque;
import java.util.Queue;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;

/**
 * Performs the upstream's WebSocket upgrade, then holds any frames that arrive before the relay is ready and hands
 * them on, in order, when it is removed.
 */
final class UpstreamHandshakeHandler extends ChannelInboundHandlerAdapter {

    private final WebSocketClientHandshaker handshaker;
    private final Promise<UpstreamLeg> result;
    private final String target;
    private final Queue<Object> held = new ArrayDeque<>();
    private boolean inactiveWhileHolding;

    UpstreamHandshakeHandler(WebSocketClientHandshaker handshaker, Promise<UpstreamLeg> result, String target) {
        this.handshaker = handshaker;
        this.result = result;
        this.target = target;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshaker.handshake(ctx.channel()).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess()) {
                fail(new UpstreamFailure(UpstreamFailure.Kind.HANDSHAKE,
                        "sending the upgrade to " + target + " failed: " + written.cause(), written.cause()));
            }
        });
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (result.isDone()) {
            held.add(msg);
            return;
        }
        if (!(msg instanceof FullHttpResponse response)) {
            ReferenceCountUtil.release(msg);
            fail(new UpstreamFailure(UpstreamFailure.Kind.HANDSHAKE,
                    target + " sent " + msg.getClass().getSimpleName() + " instead of an upgrade answer", null));
            return;
        }
        if (!HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status())) {
            String detail = target + " answered the upgrade with " + response.status();
            if (!result.tryFailure(new UpstreamFailure(response, detail))) {
                response.release();
            }
            ctx.close();
            return;
        }
        try {
            handshaker.finishHandshake(ctx.channel(), response);
        } catch (RuntimeException e) {
            fail(new UpstreamFailure(UpstreamFailure.Kind.HANDSHAKE,
                    target + " failed the upgrade: " + e.getMessage(), e));
            return;
        } finally {
            response.release();
        }
        // Hold what follows until the client leg is upgraded too.
        ctx.channel().config().setAutoRead(false);
        if (!result.trySuccess(new UpstreamLeg(ctx.channel(), handshaker.actualSubprotocol(), response.headers()))) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (result.isDone()) {
            inactiveWhileHolding = true;
            return;
        }
        fail(new UpstreamFailure(UpstreamFailure.Kind.HANDSHAKE, target + " closed the connection during the upgrade",
                null));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!fail(new UpstreamFailure(UpstreamFailure.Kind.HANDSHAKE, target + " upgrade error: " + cause, cause))) {
            ctx.fireExceptionCaught(cause);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        Object msg;
        while ((msg = held.poll()) != null) {
            ctx.fireChannelRead(msg);
        }
        ctx.fireChannelReadComplete();
        if (inactiveWhileHolding) {
            ctx.fireChannelInactive();
        }
    }

    private boolean fail(UpstreamFailure failure) {
        return result.tryFailure(failure);
    }
}
