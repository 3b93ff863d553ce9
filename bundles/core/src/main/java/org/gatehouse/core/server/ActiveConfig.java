package org.gatehouse.core.server;

import java.util.HashMap;
import java.util.Map;

import org.gatehouse.core.balancer.TargetLoad;
import org.gatehouse.core.balancer.UpstreamBalancer;
import org.gatehouse.core.config.GatewayConfig;
import org.gatehouse.core.config.UpstreamConfig;
import org.gatehouse.core.health.HealthRegistry;

/**
 * A configuration ready to serve: the routes and a balancer per upstream. Immutable; a reload builds a new one
 * and new handshakes pick it up, while live sessions keep what they were placed with.
 */
public final class ActiveConfig {

    private final GatewayConfig config;
    private final RouteTable routes;
    private final Map<String, UpstreamBalancer> balancers = new HashMap<>();
    private final int largestMaxMessageSize;

    public ActiveConfig(GatewayConfig config, TargetLoad load, HealthRegistry health) {
        this.config = config;
        this.routes = new RouteTable(config.routes());
        for (UpstreamConfig upstream : config.upstreams().values()) {
            balancers.put(upstream.name(), new UpstreamBalancer(upstream, load, health));
        }
        this.largestMaxMessageSize = config.upstreams().values().stream()
                .mapToInt(upstream -> upstream.websocket().maxMessageSize())
                .max()
                .orElse(0);
    }

    public GatewayConfig config() {
        return config;
    }

    RouteTable routes() {
        return routes;
    }

    UpstreamBalancer balancer(String upstream) {
        return balancers.get(upstream);
    }

    /** The largest {@code max_message_size} of any upstream: the bound for a client leg before it is routed. */
    int largestMaxMessageSize() {
        return largestMaxMessageSize;
    }
}
