package org.gatehouse.core.config;

import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code upstreams}.
 *
 * @param name the name routes refer to
 * @param algorithm the load-balancing policy's registered name
 * @param targets the servers, in file order, never empty
 * @param websocket the {@code websocket_config} section
 * @param healthChecks the {@code health_checks} section
 * @param hashOn what the {@code consistent-hash} policy hashes: {@code client_address}, {@code header:<name>},
 *               {@code cookie:<name>} or {@code query:<name>}; empty when not set
 */
public record UpstreamConfig(String name, String algorithm, List<TargetConfig> targets, WebSocketConfig websocket,
                             HealthChecksConfig healthChecks, Optional<String> hashOn) {

    public static final String DEFAULT_ALGORITHM = "round-robin";

    public UpstreamConfig {
        targets = List.copyOf(targets);
    }
}
