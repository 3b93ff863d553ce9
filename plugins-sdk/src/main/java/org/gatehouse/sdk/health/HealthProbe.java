package org.gatehouse.sdk.health;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.gatehouse.sdk.balancer.Target;
import org.osgi.annotation.versioning.ConsumerType;

/** Probes targets actively, for example with an HTTP GET of a health path. */
@ConsumerType
public interface HealthProbe {

    /**
     * Probes one target once. Must not block the calling thread; completes within the given time.
     *
     * @param target the target to probe
     * @param path the configured health path
     * @param headers the headers to send with the probe
     * @param timeoutMillis how long the probe may take
     * @return the result, completed when the probe is done
     */
    CompletionStage<ProbeResult> probe(Target target, String path, Map<String, String> headers, long timeoutMillis);
}
