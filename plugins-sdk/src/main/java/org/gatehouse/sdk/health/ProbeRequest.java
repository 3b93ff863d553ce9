package org.gatehouse.sdk.health;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.gatehouse.sdk.balancer.Target;

/**
 * One probe to run.
 *
 * @param target the target to probe
 * @param secure whether the target speaks TLS (https, wss)
 * @param path the path to probe, starting with {@code /}, query included if configured
 * @param headers the headers to send with the probe
 * @param timeout how long the probe may take before it counts as failed
 */
public record ProbeRequest(Target target, boolean secure, String path, Map<String, String> headers,
                           Duration timeout) {

    public ProbeRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(timeout, "timeout");
    }
}
