package org.gatehouse.balancer.roundrobin;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.gatehouse.sdk.balancer.BalancerName;
import org.gatehouse.sdk.balancer.Candidate;
import org.gatehouse.sdk.balancer.LoadBalancingPolicy;
import org.gatehouse.sdk.balancer.SelectionContext;
import org.gatehouse.sdk.balancer.Target;
import org.gatehouse.sdk.balancer.TargetSelector;
import org.gatehouse.sdk.balancer.Upstream;
import org.osgi.service.component.annotations.Component;

/** Hands out the healthy targets in turn, ignoring weights. */
@Component(service = LoadBalancingPolicy.class)
@BalancerName("round-robin")
public final class RoundRobinPolicy implements LoadBalancingPolicy {

    @Override
    public TargetSelector newSelector(Upstream upstream) {
        return new Selector();
    }

    private static final class Selector implements TargetSelector {

        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Target select(List<Candidate> candidates, SelectionContext context) {
            int turn = next.getAndIncrement() & Integer.MAX_VALUE;
            return candidates.get(turn % candidates.size()).target();
        }
    }
}
