package org.gatehouse.core.server;

import java.util.function.Supplier;

import org.gatehouse.core.balancer.PolicyRegistry;
import org.gatehouse.core.balancer.TargetLoad;
import org.gatehouse.core.upstream.UpstreamConnector;

/**
 * What every handshake reads and updates: the active config, the registered policies, the session count, the
 * live sessions per target, the upstream connector and the live sessions.
 */
record GatewayState(Supplier<ActiveConfig> activeConfig, PolicyRegistry policies, ConnectionLimiter limiter,
                    TargetLoad load, UpstreamConnector connector, SessionRegistry sessions) {
}
