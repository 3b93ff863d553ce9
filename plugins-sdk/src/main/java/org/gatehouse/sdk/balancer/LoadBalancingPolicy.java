package org.gatehouse.sdk.balancer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A load-balancing algorithm, registered as a service named with {@link BalancerName}.
 *
 * <p>The policy itself is stateless: the gateway asks it for a {@link TargetSelector} per upstream and keeps that
 * selector as long as the upstream's configuration and the policy service stay the same. Replacing the policy
 * bundle therefore rebuilds selector state without touching live sessions.
 */
@ConsumerType
public interface LoadBalancingPolicy {

    /**
     * Creates the selector state for one upstream.
     *
     * @param upstream the upstream's name, targets and policy settings
     * @return a new selector, owned by the gateway from now on
     * @throws IllegalArgumentException when the upstream's settings are not valid for this policy
     */
    TargetSelector newSelector(Upstream upstream);
}
