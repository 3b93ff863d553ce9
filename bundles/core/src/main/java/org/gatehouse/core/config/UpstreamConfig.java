package org.gatehouse.core.config;

import java.util.List;

/**
 * One entry of {@code upstreams}.
 *
 * @param name the name routes refer to
 * @param algorithm the load-balancing policy's registered name
 * @param targets the servers, in file order, never empty
 * @param websocket the {@code websocket_config} section
 * @param healthChecks the {@code health_checks} section
 */
public record UpstreamConfig(String name, String algorithm, List<TargetConfig> targets, WebSocketConfig websocket,
                             HealthChecksConfig healthChecks) {

    public static final String DEFAULT_ALGORITHM = "round-robin";

    public UpstreamConfig {
        targets = List.copyOf(targets);
    }
}
