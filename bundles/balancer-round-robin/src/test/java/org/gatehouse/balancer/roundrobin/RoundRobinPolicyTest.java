package org.gatehouse.balancer.roundrobin;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gatehouse.sdk.balancer.Candidate;
import org.gatehouse.sdk.balancer.SelectionContext;
import org.gatehouse.sdk.testing.TestSelectionContext;
import org.gatehouse.sdk.balancer.Target;
import org.gatehouse.sdk.balancer.TargetSelector;
import org.gatehouse.sdk.balancer.Upstream;
import org.junit.Test;

public class RoundRobinPolicyTest {

    private static final SelectionContext NO_CONTEXT = TestSelectionContext.from("127.0.0.1");

    private final Target a = new Target("10.0.0.1", 80, 1);
    private final Target b = new Target("10.0.0.2", 80, 5);
    private final Target c = new Target("10.0.0.3", 80, 1);

    @Test
    public void handsOutTargetsInTurn() {
        TargetSelector selector = newSelector(a, b, c);
        List<Candidate> candidates = candidates(a, b, c);

        List<Target> picks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            picks.add(selector.select(candidates, NO_CONTEXT));
        }

        assertEquals(List.of(a, b, c, a, b, c), picks);
    }

    @Test
    public void spreadsEvenlyOverWhateverIsHealthy() {
        TargetSelector selector = newSelector(a, b, c);
        List<Candidate> healthy = candidates(a, c);

        Map<Target, Integer> counts = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            counts.merge(selector.select(healthy, NO_CONTEXT), 1, Integer::sum);
        }

        assertEquals(Map.of(a, 500, c, 500), counts);
    }

    private static TargetSelector newSelector(Target... targets) {
        return new RoundRobinPolicy().newSelector(new Upstream("u", List.of(targets), Map.of()));
    }

    private static List<Candidate> candidates(Target... targets) {
        List<Candidate> candidates = new ArrayList<>();
        for (Target target : targets) {
            candidates.add(new Candidate(target, 0));
        }
        return candidates;
    }
}
