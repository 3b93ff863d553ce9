package org.gatehouse.balancer.leastconnections;

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

/**
 * Picks the candidate with the fewest live sessions ({@link Candidate#liveSessions()}), ignoring weights. When
 * several candidates share the lowest count, the selector takes them in turn, so equal loads (an idle upstream, or
 * a burst of handshakes placed before the counts move) spread evenly instead of all landing on the first target.
 *
 * <p>Registered as {@code least-connections} and under the alias {@code least-conn}.
 */
@Component(service = LoadBalancingPolicy.class)
@BalancerName({"least-connections", "least-conn"})
public final class LeastConnectionsPolicy implements LoadBalancingPolicy {

    @Override
    public TargetSelector newSelector(Upstream upstream) {
        return new Selector();
    }

    private static final class Selector implements TargetSelector {

        /** Turns taken among tied candidates; only its value modulo the number of tied candidates matters. */
        private final AtomicInteger nextTie = new AtomicInteger();

        @Override
        public Target select(List<Candidate> candidates, SelectionContext context) {
            int fewest = Integer.MAX_VALUE;
            int tied = 0;
            for (Candidate candidate : candidates) {
                if (candidate.liveSessions() < fewest) {
                    fewest = candidate.liveSessions();
                    tied = 1;
                } else if (candidate.liveSessions() == fewest) {
                    tied++;
                }
            }
            int skip = tied == 1 ? 0 : (nextTie.getAndIncrement() & Integer.MAX_VALUE) % tied;
            for (Candidate candidate : candidates) {
                if (candidate.liveSessions() == fewest && skip-- == 0) {
                    return candidate.target();
                }
            }
            throw new AssertionError("unreachable: " + tied + " candidates with " + fewest + " sessions");
        }
    }
}
