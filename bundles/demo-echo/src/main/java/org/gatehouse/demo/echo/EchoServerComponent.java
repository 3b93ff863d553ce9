package org.gatehouse.demo.echo;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The upstream of the shipped demo: a WebSocket echo server on 127.0.0.1, port {@code gatehouse.demo.echo.port}
 * (default 9001, 0 for any free port), answering on every path.
 */
@Component(immediate = true, service = {})
public final class EchoServerComponent {

    private static final Logger logger = System.getLogger(EchoServerComponent.class.getName());
    private static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

    private EventLoopGroup group;
    private Channel listener;

    @Activate
    void activate(BundleContext context) throws InterruptedException {
        String configured = context.getProperty("gatehouse.demo.echo.port");
        int port = configured == null ? 9001 : Integer.parseInt(configured.trim());
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("gatehouse-demo-echo"),
                NioIoHandler.newFactory());
        WebSocketServerProtocolConfig protocol = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .allowExtensions(true)
                .maxFramePayloadLength(MAX_MESSAGE_SIZE)
                .build();
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerCompressionHandler(MAX_MESSAGE_SIZE),
                                new WebSocketServerProtocolHandler(protocol), new EchoFrameHandler());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        int bound = ((InetSocketAddress) listener.localAddress()).getPort();
        logger.log(Level.INFO, "Demo echo server listening on ws://127.0.0.1:{0,number,#}/echo", bound);
    }

    @Deactivate
    void deactivate() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
