package org.gatehouse.sdk.health;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Probes one target once, registered as a service named with {@link ProbeType}.
 *
 * <p>The gateway calls {@link #probe} from its own scheduler thread, never from an event loop, and expects it to
 * return at once: the probe runs on the provider's own threads or non-blocking I/O and completes the stage within
 * the request's timeout. A stage that fails exceptionally counts as an unhealthy result.
 */
@ConsumerType
public interface HealthProbe {

    /**
     * Starts one probe.
     *
     * @param request what to probe and how long it may take
     * @return the result, completed when the probe is done
     */
    CompletionStage<ProbeResult> probe(ProbeRequest request);
}
