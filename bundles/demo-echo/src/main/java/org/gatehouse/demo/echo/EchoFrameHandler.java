package org.gatehouse.demo.echo;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/** Sends every data frame back as it came: text as text, binary as binary, fragments as fragments. */
final class EchoFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    EchoFrameHandler() {
        super(false);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        ctx.write(frame);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }
}
