package org.gatehouse.core.server;

import java.util.function.Supplier;

import org.gatehouse.core.balancer.TargetLoad;
import org.gatehouse.core.health.HealthRegistry;
import org.gatehouse.core.registry.NamedServices;
import org.gatehouse.core.upstream.UpstreamConnector;
import org.gatehouse.sdk.balancer.LoadBalancingPolicy;

/**
 * What every handshake reads and updates: the active config, the registered policies, the session count, the
 * live sessions and health per target, the upstream connector and the live sessions.
 */
record GatewayState(Supplier<ActiveConfig> activeConfig, NamedServices<LoadBalancingPolicy> policies, ConnectionLimiter limiter,
                    TargetLoad load, HealthRegistry health, UpstreamConnector connector, SessionRegistry sessions) {
}
