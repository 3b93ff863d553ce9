package org.gatehouse.core.server;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Optional;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

import org.gatehouse.core.balancer.UpstreamBalancer;
import org.gatehouse.core.config.RouteConfig;
import org.gatehouse.core.config.WebSocketConfig;
import org.gatehouse.sdk.balancer.LoadBalancingPolicy;

/**
 * Admits or refuses a client's upgrade request: route, WebSocket validity, {@code max_connections}, policy. An
 * admitted request goes on to a {@link ProxyHandshake}; every refusal is an HTTP answer, never a dropped socket.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {

    private static final Logger logger = System.getLogger(HandshakeHandler.class.getName());

    private final GatewayState gateway;
    private boolean admitted;

    HandshakeHandler(GatewayState gateway) {
        this.gateway = gateway;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (admitted || !(msg instanceof FullHttpRequest request)) {
            // Nothing may follow an upgrade request before it is answered.
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            admit(ctx, request);
        } finally {
            if (!admitted) {
                request.release();
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        logger.log(Level.DEBUG, "{0} handshake error: {1}", ctx.channel(), cause.toString());
        ctx.close();
    }

    private void admit(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "malformed request: " + request.decoderResult().cause(), true);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        ActiveConfig active = gateway.activeConfig().get();
        Optional<RouteConfig> route = active.routes().match(uri.rawPath());
        if (route.isEmpty()) {
            refuse(ctx, HttpResponseStatus.NOT_FOUND, "no route for " + uri.rawPath(), true);
            return;
        }
        UpstreamBalancer balancer = active.balancer(route.get().upstream());
        WebSocketConfig websocket = balancer.config().websocket();
        HttpHeaders headers = request.headers();
        if (!headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                || !headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            refuse(ctx, HttpResponseStatus.UPGRADE_REQUIRED, route.get().path() + " only speaks WebSocket", true,
                    new DefaultHttpHeaders().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET)
                            .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE));
            return;
        }
        if (!HttpMethod.GET.equals(request.method())) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "a WebSocket upgrade must use GET", true);
            return;
        }
        if (!"13".equals(headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            refuse(ctx, HttpResponseStatus.UPGRADE_REQUIRED, "unsupported Sec-WebSocket-Version (expected: 13)", true,
                    new DefaultHttpHeaders().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13"));
            return;
        }
        String key = headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (key == null || key.isBlank()) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "missing Sec-WebSocket-Key", true);
            return;
        }
        int maxConnections = active.config().server().maxConnections();
        if (!gateway.limiter().tryAcquire(maxConnections)) {
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "max_connections (" + maxConnections + ") reached",
                    websocket.returnErrorDetails());
            return;
        }
        Optional<LoadBalancingPolicy> policy = gateway.policies().find(balancer.config().algorithm());
        if (policy.isEmpty()) {
            gateway.limiter().release();
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "no load-balancing policy \"" + balancer.config().algorithm() + "\" is installed",
                    websocket.returnErrorDetails());
            return;
        }
        admitted = true;
        ctx.channel().config().setAutoRead(false);
        String clientAddress = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        new ProxyHandshake(gateway, ctx, request, uri, clientAddress, balancer, policy.get()).start();
    }

    private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String detail,
                               boolean showDetail) {
        refuse(ctx, status, detail, showDetail, HttpHeaders.EMPTY_HEADERS);
    }

    private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String detail,
                               boolean showDetail, HttpHeaders extraHeaders) {
        logger.log(Level.INFO, "{0} handshake refused with {1}: {2}", ctx.channel(), status.code(), detail);
        HttpAnswers.refuse(ctx, status, detail, showDetail, extraHeaders);
    }
}
