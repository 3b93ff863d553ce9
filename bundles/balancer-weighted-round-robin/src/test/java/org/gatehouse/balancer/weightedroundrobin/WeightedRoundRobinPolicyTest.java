package org.gatehouse.balancer.weightedroundrobin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.gatehouse.sdk.balancer.Candidate;
import org.gatehouse.sdk.balancer.SelectionContext;
import org.gatehouse.sdk.testing.TestSelectionContext;
import org.gatehouse.sdk.balancer.Target;
import org.gatehouse.sdk.balancer.TargetSelector;
import org.gatehouse.sdk.balancer.Upstream;
import org.junit.Test;

public class WeightedRoundRobinPolicyTest {

    private static final SelectionContext NO_CONTEXT = TestSelectionContext.from("127.0.0.1");

    private final Target a = new Target("10.0.0.1", 80, 5);
    private final Target b = new Target("10.0.0.2", 80, 1);
    private final Target c = new Target("10.0.0.3", 80, 1);

    @Test
    public void interleavesHeavyTargetWithLightOnes() {
        TargetSelector selector = newSelector(a, b, c);

        assertEquals(List.of(a, a, b, a, c, a, a), picks(selector, candidates(a, b, c), 7));
        assertEquals("the next cycle repeats the first", List.of(a, a, b, a, c, a, a),
                picks(selector, candidates(a, b, c), 7));
    }

    @Test
    public void honoursWeightsExactlyOverEveryFullCycle() {
        Target x = new Target("10.0.1.1", 80, 3);
        Target y = new Target("10.0.1.2", 80, 2);
        Target z = new Target("10.0.1.3", 80, 4);
        TargetSelector selector = newSelector(x, y, z);
        List<Candidate> candidates = candidates(x, y, z);

        for (int cycle = 0; cycle < 50; cycle++) {
            List<Target> picks = picks(selector, candidates, 9);
            assertEquals("cycle " + cycle, Map.of(x, 3, y, 2, z, 4), count(picks));
        }
    }

    @Test
    public void staysWithinOnePickOfEveryShareAtEveryPoint() {
        TargetSelector selector = newSelector(a, b, c);

        List<Target> picks = picks(selector, candidates(a, b, c), 700);

        // A burst (a a a a a b c) would be 1.43 picks ahead for a after five picks; smooth stays below one.
        Map<Target, Integer> counts = new HashMap<>();
        for (int n = 1; n <= picks.size(); n++) {
            counts.merge(picks.get(n - 1), 1, Integer::sum);
            for (Target target : List.of(a, b, c)) {
                double exact = n * target.weight() / 7.0;
                int actual = counts.getOrDefault(target, 0);
                assertTrue(target.address() + " after " + n + " picks: " + actual + " for " + exact,
                        Math.abs(actual - exact) < 1);
            }
        }
        assertEquals(Map.of(a, 500, b, 100, c, 100), counts);
    }

    @Test
    public void adaptsWhenACandidateDisappearsAfterAFullCycle() {
        TargetSelector selector = newSelector(a, b, c);
        picks(selector, candidates(a, b, c), 7);

        List<Target> withoutC = picks(selector, candidates(a, b), 6);

        assertEquals(Map.of(a, 5, b, 1), count(withoutC));
        assertEquals(List.of(a, a, a, b, a, a), withoutC);
    }

    @Test
    public void adaptsWhenACandidateDisappearsMidCycleAndReturns() {
        TargetSelector selector = newSelector(a, b, c);
        picks(selector, candidates(a, b, c), 4);

        // c is unhealthy: only a and b are offered, 5:1. The state carried over from the interrupted cycle
        // shifts the result by at most one pick.
        Map<Target, Integer> withoutC = count(picks(selector, candidates(a, b), 600));
        assertEquals(2, withoutC.size());
        assertTrue(withoutC.toString(), Math.abs(withoutC.get(a) - 500) <= 1);
        assertTrue(withoutC.toString(), Math.abs(withoutC.get(b) - 100) <= 1);

        // c is back: it takes its share again, without a burst.
        List<Target> withC = picks(selector, candidates(a, b, c), 700);
        Map<Target, Integer> counts = count(withC);
        assertTrue(counts.toString(), Math.abs(counts.get(a) - 500) <= 2);
        assertTrue(counts.toString(), Math.abs(counts.get(b) - 100) <= 2);
        assertTrue(counts.toString(), Math.abs(counts.get(c) - 100) <= 2);
        assertTrue("c is not served twice in a row", noRepeats(withC, c));
    }

    @Test
    public void aSingleCandidateIsAlwaysPicked() {
        TargetSelector selector = newSelector(a, b, c);

        assertEquals(Map.of(b, 10), count(picks(selector, candidates(b), 10)));
    }

    @Test
    public void keepsExactTotalsUnderConcurrentPicks() throws Exception {
        TargetSelector selector = newSelector(a, b, c);
        List<Candidate> candidates = candidates(a, b, c);
        int threads = 4;
        int picksPerThread = 7 * 1000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Map<Target, Integer>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return count(picks(selector, candidates, picksPerThread));
                }));
            }
            start.countDown();

            Map<Target, Integer> totals = new HashMap<>();
            for (Future<Map<Target, Integer>> result : results) {
                result.get(30, TimeUnit.SECONDS).forEach((target, n) -> totals.merge(target, n, Integer::sum));
            }
            assertEquals(Map.of(a, 20_000, b, 4_000, c, 4_000), totals);
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean noRepeats(List<Target> picks, Target target) {
        for (int i = 1; i < picks.size(); i++) {
            if (picks.get(i).equals(target) && picks.get(i - 1).equals(target)) {
                return false;
            }
        }
        return true;
    }

    private static List<Target> picks(TargetSelector selector, List<Candidate> candidates, int n) {
        List<Target> picks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            picks.add(selector.select(candidates, NO_CONTEXT));
        }
        return picks;
    }

    private static Map<Target, Integer> count(List<Target> picks) {
        Map<Target, Integer> counts = new HashMap<>();
        for (Target pick : picks) {
            counts.merge(pick, 1, Integer::sum);
        }
        return counts;
    }

    private static TargetSelector newSelector(Target... targets) {
        return new WeightedRoundRobinPolicy().newSelector(new Upstream("u", List.of(targets), Map.of()));
    }

    private static List<Candidate> candidates(Target... targets) {
        List<Candidate> candidates = new ArrayList<>();
        for (Target target : targets) {
            candidates.add(new Candidate(target, 0));
        }
        return candidates;
    }
}
