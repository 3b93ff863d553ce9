package org.gatehouse.balancer.random;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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

/**
 * The statistical tests use a fixed number of picks and a tolerance of 2% of them, almost seven standard deviations
 * of the worst case, so a correct policy practically never fails them while one that ignored the loads would miss
 * by far.
 */
public class RandomPolicyTest {

    private static final int PICKS = 30_000;

    private static final SelectionContext NO_CONTEXT = TestSelectionContext.from("127.0.0.1");

    private final Target a = new Target("10.0.0.1", 80, 1);
    private final Target b = new Target("10.0.0.2", 80, 1);
    private final Target c = new Target("10.0.0.3", 80, 1);
    private final Target d = new Target("10.0.0.4", 80, 1);
    private final Target e = new Target("10.0.0.5", 80, 1);

    @Test
    public void ofTwoCandidatesAlwaysPicksTheLessLoaded() {
        TargetSelector selector = newSelector(a, b);

        assertEquals(Map.of(b, PICKS), count(selector, List.of(load(a, 9), load(b, 3))));
    }

    @Test
    public void prefersTheLessLoadedOfTwoDistinctRandomCandidates() {
        TargetSelector selector = newSelector(a, b, c);

        // Pairs {a,b} and {a,c} go to a, pair {b,c} to b; c, the most loaded, loses every pair.
        Map<Target, Integer> counts = count(selector, List.of(load(a, 1), load(b, 5), load(c, 10)));

        assertEquals(counts.toString(), 2, counts.size());
        assertNear(counts, a, 2.0 / 3);
        assertNear(counts, b, 1.0 / 3);
    }

    @Test
    public void theLeastLoadedWinsEveryPairItIsDrawnIn() {
        TargetSelector selector = newSelector(a, b, c, d);

        // a is in 3 of the 6 pairs; b wins the 2 pairs without a; c wins {c,d}; d never wins.
        Map<Target, Integer> counts = count(selector, List.of(load(a, 0), load(b, 1), load(c, 2), load(d, 3)));

        assertEquals(counts.toString(), 3, counts.size());
        assertNear(counts, a, 3.0 / 6);
        assertNear(counts, b, 2.0 / 6);
        assertNear(counts, c, 1.0 / 6);
    }

    @Test
    public void spreadsEqualLoadsUniformly() {
        TargetSelector selector = newSelector(a, b, c);

        Map<Target, Integer> counts = count(selector, List.of(load(a, 4), load(b, 4), load(c, 4)));

        assertNear(counts, a, 1.0 / 3);
        assertNear(counts, b, 1.0 / 3);
        assertNear(counts, c, 1.0 / 3);
    }

    @Test
    public void neverPicksOutsideTheCandidates() {
        TargetSelector selector = newSelector(a, b, c, d, e);
        List<Candidate> healthy = List.of(load(b, 2), load(d, 0), load(e, 7));

        Map<Target, Integer> counts = count(selector, healthy);

        assertTrue(counts.toString(), List.of(b, d, e).containsAll(counts.keySet()));
        assertEquals(PICKS, counts.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    public void aSingleCandidateIsAlwaysPicked() {
        TargetSelector selector = newSelector(a, b, c);

        assertEquals(Map.of(c, PICKS), count(selector, List.of(load(c, 100))));
    }

    private static void assertNear(Map<Target, Integer> counts, Target target, double expectedShare) {
        // The binomial standard deviation at 30,000 picks is at most about 87 picks; 2% is 600.
        double expected = expectedShare * PICKS;
        int actual = counts.getOrDefault(target, 0);
        assertTrue(target.address() + ": " + actual + " picks, expected about " + Math.round(expected) + " in "
                + counts, Math.abs(actual - expected) <= 0.02 * PICKS);
    }

    private static Map<Target, Integer> count(TargetSelector selector, List<Candidate> candidates) {
        Map<Target, Integer> counts = new HashMap<>();
        for (int i = 0; i < PICKS; i++) {
            counts.merge(selector.select(candidates, NO_CONTEXT), 1, Integer::sum);
        }
        return counts;
    }

    private static Candidate load(Target target, int liveSessions) {
        return new Candidate(target, liveSessions);
    }

    private static TargetSelector newSelector(Target... targets) {
        return new RandomPolicy().newSelector(new Upstream("u", List.of(targets), Map.of()));
    }
}
