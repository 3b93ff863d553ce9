package org.gatehouse.core.config;

import java.time.Duration;
import java.util.Map;

/**
 * An upstream's {@code health_checks}: TrustGate's keys and defaults ({@code passive}, {@code path}, {@code headers},
 * {@code threshold}, {@code interval}) plus Gatehouse's ({@code type}, {@code healthy_threshold}, {@code timeout},
 * {@code rehome_on_unhealthy}, {@code rehome_window}).
 *
 * @param passive count real failures against targets
 * @param path the path that active checks probe, without any {@code ws:} prefix; empty turns active checks off
 * @param headers the headers active probes send
 * @param threshold the failures that mark a target unhealthy: within {@code interval} for passive checks,
 *                  consecutive for active ones
 * @param interval the probe interval; for passive checks, the window after which the failure count resets and
 *                 the cool-down before an unhealthy target is tried again
 * @param type the probe type, {@code http} or {@code websocket}: the {@code gatehouse.probe.type} of the provider
 * @param healthyThreshold the consecutive successful probes that mark an unhealthy target healthy again
 * @param timeout how long one probe may take
 * @param rehomeOnUnhealthy close live sessions on a target that turned unhealthy with 1012, so clients reconnect
 * @param rehomeWindow the time over which those closes are spread
 */
public record HealthChecksConfig(boolean passive, String path, Map<String, String> headers, int threshold,
                                 Duration interval, String type, int healthyThreshold, Duration timeout,
                                 boolean rehomeOnUnhealthy, Duration rehomeWindow) {

    public static final String HTTP = "http";
    public static final String WEBSOCKET = "websocket";

    public static final HealthChecksConfig DEFAULTS = new HealthChecksConfig(false, "", Map.of(), 3,
            Duration.ofSeconds(60), HTTP, 2, Duration.ofSeconds(5), false, Duration.ofSeconds(30));

    public HealthChecksConfig {
        headers = Map.copyOf(headers);
    }

    /** Whether targets are probed actively. */
    public boolean active() {
        return !path.isEmpty();
    }
}
