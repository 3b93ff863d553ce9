package org.gatehouse.core.server;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

import org.gatehouse.core.registry.NamedServices;
import org.gatehouse.core.balancer.TargetLoad;
import org.gatehouse.core.health.HealthRegistry;
import org.gatehouse.core.upstream.UpstreamConnector;
import org.gatehouse.sdk.balancer.LoadBalancingPolicy;

/** The client listener and its event loops; owns every session it accepts until {@link #stop}. */
public final class GatewayServer {

    private static final Logger logger = System.getLogger(GatewayServer.class.getName());

    private final Transport transport = Transport.best();
    private final EventLoopGroup acceptor = transport.newEventLoopGroup(1, new DefaultThreadFactory("gatehouse-accept"));
    private final EventLoopGroup workers = transport.newEventLoopGroup(Runtime.getRuntime().availableProcessors(),
            new DefaultThreadFactory("gatehouse-io"));
    private final GatewayState gateway;
    private Channel listener;

    public GatewayServer(Supplier<ActiveConfig> activeConfig, NamedServices<LoadBalancingPolicy> policies,
                         TargetLoad load, HealthRegistry health) {
        this.gateway = new GatewayState(activeConfig, policies, new ConnectionLimiter(), load, health,
                new UpstreamConnector(transport), new SessionRegistry());
    }

    /** Binds the client listener; blocks until bound. */
    public InetSocketAddress start(String host, int port) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(transport.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ClientChannelInitializer(gateway));
        listener = bootstrap.bind(host, port).sync().channel();
        logger.log(Level.DEBUG, "transport {0}", transport);
        return (InetSocketAddress) listener.localAddress();
    }

    /** Live client sessions, including those still in their handshake. */
    public int sessions() {
        return gateway.limiter().sessions();
    }

    /** Sends the sessions on one target elsewhere: each client gets 1012 within {@code window}. */
    public int rehome(String upstream, String address, Duration window) {
        return gateway.sessions().rehome(upstream, address, window.toMillis());
    }

    /** Stops accepting, closes every session with 1001 within {@code grace}, then stops the event loops. */
    public void stop(Duration grace) throws InterruptedException {
        if (listener != null) {
            listener.close().sync();
        }
        int forced = gateway.sessions().closeAll("gateway shutting down", grace.toMillis());
        if (forced > 0) {
            logger.log(Level.WARNING, "{0} sessions did not close within shutdown_grace and were cut", forced);
        }
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
}
