package org.gatehouse.balancer.random;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.gatehouse.sdk.balancer.BalancerName;
import org.gatehouse.sdk.balancer.Candidate;
import org.gatehouse.sdk.balancer.LoadBalancingPolicy;
import org.gatehouse.sdk.balancer.SelectionContext;
import org.gatehouse.sdk.balancer.Target;
import org.gatehouse.sdk.balancer.TargetSelector;
import org.gatehouse.sdk.balancer.Upstream;
import org.osgi.service.component.annotations.Component;

/**
 * Random with two choices ("the power of two choices"): draws two distinct candidates at random and picks the one
 * with fewer live sessions (the first drawn on a tie). Compared with a single random draw this keeps the loads far
 * more even, and compared with least-connections it does not send every new session to the same least loaded
 * target while the counts lag behind a burst of handshakes. Weights are ignored.
 *
 * <p>Stateless apart from {@link ThreadLocalRandom}, so concurrent picks do not contend.
 */
@Component(service = LoadBalancingPolicy.class)
@BalancerName("random")
public final class RandomPolicy implements LoadBalancingPolicy {

    @Override
    public TargetSelector newSelector(Upstream upstream) {
        return new Selector();
    }

    private static final class Selector implements TargetSelector {

        @Override
        public Target select(List<Candidate> candidates, SelectionContext context) {
            int size = candidates.size();
            if (size == 1) {
                return candidates.get(0).target();
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int first = random.nextInt(size);
            int second = random.nextInt(size - 1);
            if (second >= first) {
                second++; // skip the first draw: two distinct candidates, every pair equally likely
            }
            Candidate one = candidates.get(first);
            Candidate other = candidates.get(second);
            return (other.liveSessions() < one.liveSessions() ? other : one).target();
        }
    }
}
