package org.gatehouse.balancer.leastconnections;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
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

public class LeastConnectionsPolicyTest {

    private static final SelectionContext NO_CONTEXT = TestSelectionContext.from("127.0.0.1");

    private final Target a = new Target("10.0.0.1", 80, 1);
    private final Target b = new Target("10.0.0.2", 80, 1);
    private final Target c = new Target("10.0.0.3", 80, 1);

    @Test
    public void picksTheCandidateWithTheFewestLiveSessions() {
        TargetSelector selector = newSelector(a, b, c);

        assertEquals(Map.of(b, 100), count(selector, List.of(load(a, 5), load(b, 2), load(c, 7)), 100));
        assertEquals(Map.of(c, 100), count(selector, List.of(load(a, 5), load(b, 2), load(c, 0)), 100));
        assertEquals(Map.of(a, 100), count(selector, List.of(load(a, 0), load(b, 2), load(c, 1)), 100));
    }

    @Test
    public void followsLiveCountsAsSessionsArePlaced() {
        TargetSelector selector = newSelector(a, b, c);
        Map<Target, Integer> live = new HashMap<>(Map.of(a, 10, b, 0, c, 4));

        for (int i = 0; i < 300; i++) {
            int min = Collections.min(live.values());
            Target pick = selector.select(candidates(live, a, b, c), NO_CONTEXT);
            assertEquals("pick " + i + " with " + live, min, (int) live.get(pick));
            live.merge(pick, 1, Integer::sum);
            assertTrue("loads stay level once caught up: " + live,
                    i < 20 || Collections.max(live.values()) - Collections.min(live.values()) <= 1);
        }
        // 314 sessions in all, placed to level the loads: 104 or 105 each.
        assertEquals(314, live.values().stream().mapToInt(Integer::intValue).sum());
        for (int n : live.values()) {
            assertTrue(live.toString(), n == 104 || n == 105);
        }
    }

    @Test
    public void spreadsEqualLoadsEvenly() {
        TargetSelector selector = newSelector(a, b, c);

        assertEquals(Map.of(a, 1000, b, 1000, c, 1000),
                count(selector, List.of(load(a, 3), load(b, 3), load(c, 3)), 3000));
    }

    @Test
    public void rotatesOnlyAmongTheTiedCandidates() {
        TargetSelector selector = newSelector(a, b, c);
        List<Candidate> candidates = List.of(load(a, 1), load(b, 4), load(c, 1));

        List<Target> picks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            picks.add(selector.select(candidates, NO_CONTEXT));
        }

        assertEquals(List.of(a, c, a, c, a, c), picks);
    }

    @Test
    public void picksOnlyAmongTheCandidates() {
        TargetSelector selector = newSelector(a, b, c);

        assertEquals(Map.of(a, 50, c, 50), count(selector, List.of(load(a, 0), load(c, 0)), 100));
    }

    @Test
    public void spreadsTiesEvenlyUnderConcurrentPicks() throws Exception {
        TargetSelector selector = newSelector(a, b, c);
        List<Candidate> candidates = List.of(load(a, 2), load(b, 2), load(c, 2));
        int threads = 4;
        int picksPerThread = 3000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Map<Target, Integer>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return count(selector, candidates, picksPerThread);
                }));
            }
            start.countDown();

            Map<Target, Integer> totals = new HashMap<>();
            for (Future<Map<Target, Integer>> result : results) {
                result.get(30, TimeUnit.SECONDS).forEach((target, n) -> totals.merge(target, n, Integer::sum));
            }
            assertEquals(Map.of(a, 4000, b, 4000, c, 4000), totals);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<Target, Integer> count(TargetSelector selector, List<Candidate> candidates, int n) {
        Map<Target, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(selector.select(candidates, NO_CONTEXT), 1, Integer::sum);
        }
        return counts;
    }

    private static Candidate load(Target target, int liveSessions) {
        return new Candidate(target, liveSessions);
    }

    private static List<Candidate> candidates(Map<Target, Integer> live, Target... order) {
        List<Candidate> candidates = new ArrayList<>();
        for (Target target : order) {
            candidates.add(load(target, live.get(target)));
        }
        return candidates;
    }

    private static TargetSelector newSelector(Target... targets) {
        return new LeastConnectionsPolicy().newSelector(new Upstream("u", List.of(targets), Map.of()));
    }
}
