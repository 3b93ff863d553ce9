package org.gatehouse.core.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;

/**
 * The client pipeline until the upgrade: HTTP codec, aggregator (upgrade requests are small), the permessage-deflate
 * negotiation (removed again for upstreams with {@code compression: false}), then the handshake.
 */
final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {

    static final int MAX_INITIAL_LINE = 4096;
    static final int MAX_HEADER_SIZE = 8192;
    static final int MAX_UPGRADE_REQUEST = 16 * 1024;

    private final GatewayState gateway;

    ClientChannelInitializer(GatewayState gateway) {
        this.gateway = gateway;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_HEADER_SIZE));
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_UPGRADE_REQUEST));
        pipeline.addLast("ws-compression",
                new WebSocketServerCompressionHandler(gateway.activeConfig().get().largestMaxMessageSize()));
        pipeline.addLast("handshake", new HandshakeHandler(gateway));
    }
}
