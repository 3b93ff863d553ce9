package org.gatehouse.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole, validated configuration file. Immutable: a reload builds a new one and swaps it in.
 *
 * @param server the client listener and global limits
 * @param upstreams the upstreams by name, in file order
 * @param routes the routes, in file order
 */
public record GatewayConfig(ServerConfig server, Map<String, UpstreamConfig> upstreams, List<RouteConfig> routes) {

    public GatewayConfig {
        upstreams = Collections.unmodifiableMap(new LinkedHashMap<>(upstreams));
        routes = List.copyOf(routes);
    }

    public Optional<UpstreamConfig> upstream(String name) {
        return Optional.ofNullable(upstreams.get(name));
    }
}
