package org.gatehouse.balancer.consistenthash;

import org.gatehouse.sdk.balancer.BalancerName;
import org.gatehouse.sdk.balancer.LoadBalancingPolicy;
import org.gatehouse.sdk.balancer.TargetSelector;
import org.gatehouse.sdk.balancer.Upstream;
import org.osgi.service.component.annotations.Component;

/**
 * Consistent hashing: the same key goes to the same target for as long as that target is healthy, and a target that
 * leaves moves only its own share of the keys.
 *
 * <p>The key is chosen by the upstream's {@code hash_on} setting: {@code client_address} (default),
 * {@code header:<name>}, {@code cookie:<name>} or {@code query:<name>}; a request without that value is hashed on
 * its client address. See {@link HashRingSelector} for the ring and {@link Hash64} for the hash.
 */
@Component(service = LoadBalancingPolicy.class)
@BalancerName("consistent-hash")
public final class ConsistentHashPolicy implements LoadBalancingPolicy {

    /**
     * Builds the ring of the upstream's targets.
     *
     * @throws IllegalArgumentException when {@code hash_on} is set to something else than the forms above
     */
    @Override
    public TargetSelector newSelector(Upstream upstream) {
        return new HashRingSelector(upstream);
    }
}
