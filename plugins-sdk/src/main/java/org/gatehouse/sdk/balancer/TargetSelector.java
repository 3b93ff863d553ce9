package org.gatehouse.sdk.balancer;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The state of one policy for one upstream: picks the target of each new session.
 *
 * <p>The gateway calls {@link #select} concurrently from its event loops, so an implementation must be thread-safe
 * and must never block. When a connection to the chosen target fails, the gateway calls {@code select} again
 * without that target while the handshake has time left.
 */
@ConsumerType
public interface TargetSelector {

    /**
     * Picks the target for a new session.
     *
     * @param candidates the healthy targets, never empty, in configuration order
     * @param context the handshake being placed
     * @return the target of one of the candidates
     */
    Target select(List<Candidate> candidates, SelectionContext context);
}
