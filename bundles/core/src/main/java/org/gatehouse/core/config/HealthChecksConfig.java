package org.gatehouse.core.config;

import java.time.Duration;
import java.util.Map;

/**
 * An upstream's {@code health_checks}, with TrustGate's keys and defaults.
 *
 * @param passive count real failures against targets
 * @param path the path that active checks probe; empty turns active checks off
 * @param headers the headers active probes send
 * @param threshold the failures that mark a target unhealthy
 * @param interval the probe interval, and the window after which the failure count resets
 */
public record HealthChecksConfig(boolean passive, String path, Map<String, String> headers, int threshold,
                                 Duration interval) {

    public static final HealthChecksConfig DEFAULTS = new HealthChecksConfig(false, "", Map.of(), 3,
            Duration.ofSeconds(60));

    public HealthChecksConfig {
        headers = Map.copyOf(headers);
    }
}
