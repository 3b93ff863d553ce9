package org.gatehouse.balancer.weightedroundrobin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gatehouse.sdk.balancer.BalancerName;
import org.gatehouse.sdk.balancer.Candidate;
import org.gatehouse.sdk.balancer.LoadBalancingPolicy;
import org.gatehouse.sdk.balancer.SelectionContext;
import org.gatehouse.sdk.balancer.Target;
import org.gatehouse.sdk.balancer.TargetSelector;
import org.gatehouse.sdk.balancer.Upstream;
import org.osgi.service.component.annotations.Component;

/**
 * Smooth weighted round-robin, the algorithm of nginx's {@code upstream} module.
 *
 * <p>Each target has a current weight, starting at 0. On every pick, each candidate's current weight grows by its
 * configured weight, the candidate with the largest current weight wins (the first in configuration order on a
 * tie), and the winner's current weight drops by the total weight of the candidates. Over any run of picks each
 * target gets its share of the weights, and a heavy target is interleaved with the light ones instead of served in a
 * burst: weights 5:1:1 give {@code a a b a c a a}, not {@code a a a a a b c}.
 *
 * <p>The sums are taken over the candidates of each call, so only healthy targets take part and the set may change
 * between calls (an unhealthy target, or a retry without the target that just failed). A target that is not a
 * candidate keeps its current weight unchanged until it is offered again; since a current weight always stays
 * within one total weight of zero, a returning target takes its share again at once without a burst.
 */
@Component(service = LoadBalancingPolicy.class)
@BalancerName("weighted-round-robin")
public final class WeightedRoundRobinPolicy implements LoadBalancingPolicy {

    @Override
    public TargetSelector newSelector(Upstream upstream) {
        return new Selector(upstream);
    }

    private static final class Selector implements TargetSelector {

        /** Current weight per target address; guarded by {@code this}. */
        private final Map<String, long[]> currentWeights = new HashMap<>();

        Selector(Upstream upstream) {
            for (Target target : upstream.targets()) {
                currentWeights.putIfAbsent(target.address(), new long[1]);
            }
        }

        @Override
        public Target select(List<Candidate> candidates, SelectionContext context) {
            if (candidates.size() == 1) {
                return candidates.get(0).target();
            }
            // One short critical section per handshake (never per message): the picks of concurrent
            // handshakes form one sequence, so the weights hold exactly across event loops.
            synchronized (this) {
                long total = 0;
                long[] best = null;
                Target bestTarget = null;
                for (Candidate candidate : candidates) {
                    Target target = candidate.target();
                    long[] current = currentWeights.computeIfAbsent(target.address(), address -> new long[1]);
                    current[0] += target.weight();
                    total += target.weight();
                    if (best == null || current[0] > best[0]) {
                        best = current;
                        bestTarget = target;
                    }
                }
                best[0] -= total;
                return bestTarget;
            }
        }
    }
}
