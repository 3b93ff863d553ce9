package org.gatehouse.core.server;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The HTTP answers of a refused handshake: a one-line text body, {@code <code> <reason phrase>} followed by
 * {@code : <detail>} when details may be shown, and the connection closed after it.
 */
final class HttpAnswers {

    private HttpAnswers() {
    }

    static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String detail, boolean showDetail) {
        refuse(ctx, status, detail, showDetail, HttpHeaders.EMPTY_HEADERS);
    }

    static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String detail, boolean showDetail,
                       HttpHeaders extraHeaders) {
        String body = status + (showDetail ? ": " + detail : "") + "\n";
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers()
                .add(extraHeaders)
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        send(ctx, response);
    }

    /** Passes on an upstream's refusal of the upgrade: its status, end-to-end headers and body. */
    static void relay(ChannelHandlerContext ctx, FullHttpResponse upstreamAnswer) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, upstreamAnswer.status(),
                upstreamAnswer.content().retain());
        response.headers().add(ForwardedHeaders.endToEnd(upstreamAnswer.headers()));
        send(ctx, response);
    }

    private static void send(ChannelHandlerContext ctx, FullHttpResponse response) {
        response.headers()
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
