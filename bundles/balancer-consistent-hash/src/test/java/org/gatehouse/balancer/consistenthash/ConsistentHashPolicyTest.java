package org.gatehouse.balancer.consistenthash;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gatehouse.sdk.testing.TestSelectionContext;
import org.gatehouse.sdk.balancer.Candidate;
import org.gatehouse.sdk.balancer.Target;
import org.gatehouse.sdk.balancer.TargetSelector;
import org.gatehouse.sdk.balancer.Upstream;
import org.junit.Test;

public class ConsistentHashPolicyTest {

    private static final int KEYS = 20_000;

    private final Target a = new Target("10.0.0.1", 8080, 1);
    private final Target b = new Target("10.0.0.2", 8080, 1);
    private final Target c = new Target("10.0.0.3", 8080, 1);
    private final Target d = new Target("10.0.0.4", 8080, 1);
    private final Target e = new Target("10.0.0.5", 8080, 1);
    private final List<Target> five = List.of(a, b, c, d, e);

    @Test
    public void theSameKeyAlwaysGoesToTheSameTarget() {
        TargetSelector selector = selector(five);
        TargetSelector rebuilt = selector(five);
        List<Candidate> all = candidates(five);

        for (int i = 0; i < KEYS; i++) {
            TestSelectionContext context = TestSelectionContext.from(key(i));
            Target target = selector.select(all, context);
            assertEquals(target, selector.select(all, context));
            assertEquals("a rebuilt ring (policy update, restart) agrees", target, rebuilt.select(all, context));
        }
    }

    @Test
    public void theOrderAndLoadOfTheCandidatesDoNotMatter() {
        TargetSelector selector = selector(five);
        List<Candidate> shuffled = new ArrayList<>();
        for (Target target : five) {
            shuffled.add(new Candidate(target, 100 + shuffled.size()));
        }
        Collections.shuffle(shuffled, new Random(42));

        for (int i = 0; i < KEYS; i++) {
            TestSelectionContext context = TestSelectionContext.from(key(i));
            assertEquals(selector.select(candidates(five), context), selector.select(shuffled, context));
        }
    }

    @Test
    public void spreadsKeysEvenlyOverEqualTargets() {
        Map<Target, Integer> counts = spread(selector(five), candidates(five));

        for (Target target : five) {
            assertShare(counts, target, 0.2);
        }
    }

    @Test
    public void spreadsKeysByWeight() {
        Target light = new Target("10.0.1.1", 80, 1);
        Target heavy = new Target("10.0.1.2", 80, 3);
        Target middle = new Target("10.0.1.3", 80, 2);
        List<Target> targets = List.of(light, heavy, middle);

        Map<Target, Integer> counts = spread(selector(targets), candidates(targets));

        assertShare(counts, light, 1.0 / 6);
        assertShare(counts, heavy, 3.0 / 6);
        assertShare(counts, middle, 2.0 / 6);
    }

    @Test
    public void whenATargetLeavesOnlyItsKeysMove() {
        TargetSelector selector = selector(five);
        Map<String, Target> before = assignments(selector, candidates(five));

        for (Target leaving : five) {
            List<Target> staying = new ArrayList<>(five);
            staying.remove(leaving);
            Map<String, Target> after = assignments(selector, candidates(staying));

            Map<Target, Integer> movedTo = new HashMap<>();
            for (Map.Entry<String, Target> entry : before.entrySet()) {
                Target now = after.get(entry.getKey());
                if (entry.getValue().equals(leaving)) {
                    assertNotEquals(leaving, now);
                    movedTo.merge(now, 1, Integer::sum);
                } else {
                    assertEquals("key " + entry.getKey() + " stays", entry.getValue(), now);
                }
            }
            assertEquals("the keys of " + leaving.address() + " spread over all the others: " + movedTo,
                    4, movedTo.size());
            assertEquals("it takes exactly its keys back when it returns", before,
                    assignments(selector, candidates(five)));
        }
    }

    @Test
    public void whenSeveralTargetsLeaveOnlyTheirKeysMove() {
        TargetSelector selector = selector(five);
        Map<String, Target> before = assignments(selector, candidates(five));

        Map<String, Target> after = assignments(selector, candidates(List.of(a, d)));

        int moved = 0;
        for (Map.Entry<String, Target> entry : before.entrySet()) {
            Target was = entry.getValue();
            Target now = after.get(entry.getKey());
            assertTrue(now.equals(a) || now.equals(d));
            if (was.equals(a) || was.equals(d)) {
                assertEquals("key " + entry.getKey() + " stays", was, now);
            } else {
                moved++;
            }
        }
        assertEquals(KEYS - count(before, a) - count(before, d), moved);
    }

    @Test
    public void aSingleCandidateTakesEveryKey() {
        TargetSelector selector = selector(five);

        assertEquals(Map.of(c, KEYS), spread(selector, candidates(List.of(c))));
    }

    @Test
    public void candidatesUnknownToTheRingAreStillPickedFrom() {
        TargetSelector selector = selector(List.of(a, b));
        List<Target> strangers = List.of(new Target("10.9.9.1", 80, 1), new Target("10.9.9.2", 80, 1));

        Map<Target, Integer> counts = spread(selector, candidates(strangers));

        assertEquals(counts.keySet(), Map.of(strangers.get(0), 0, strangers.get(1), 0).keySet());
    }

    @Test
    public void hugeWeightsKeepTheRingBoundedAndProportional() {
        Target giant = new Target("10.0.2.1", 80, 1_000_000);
        Target dwarf = new Target("10.0.2.2", 80, 1);
        Target half = new Target("10.0.2.3", 80, 1_000_000);
        HashRingSelector selector = (HashRingSelector) selector(List.of(giant, dwarf, half));

        assertTrue("points: " + selector.size(), selector.size() <= HashRingSelector.MAX_POINTS + 3);
        Map<Target, Integer> counts = spread(selector, candidates(List.of(giant, dwarf, half)));
        assertShare(counts, giant, 0.5);
        assertShare(counts, half, 0.5);
        // Alone, the dwarf's single point is found by walking most of the ring: a few keys suffice.
        for (int i = 0; i < 100; i++) {
            assertEquals("the dwarf still owns a point", dwarf,
                    selector.select(candidates(List.of(dwarf)), TestSelectionContext.from(key(i))));
        }
    }

    @Test
    public void smallWeightsGet160PointsPerUnit() {
        HashRingSelector selector = (HashRingSelector) selector(List.of(a, new Target("10.0.0.9", 80, 3)));

        assertEquals(4 * 160, selector.size());
    }

    private static void assertShare(Map<Target, Integer> counts, Target target, double expected) {
        double share = (double) counts.getOrDefault(target, 0) / KEYS;
        assertTrue(target.address() + " has " + share + " of the keys, expected " + expected + " in " + counts,
                Math.abs(share - expected) <= 0.05);
    }

    private static int count(Map<String, Target> assignments, Target target) {
        return (int) assignments.values().stream().filter(target::equals).count();
    }

    private static Map<String, Target> assignments(TargetSelector selector, List<Candidate> candidates) {
        Map<String, Target> assignments = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            assignments.put(key(i), selector.select(candidates, TestSelectionContext.from(key(i))));
        }
        return assignments;
    }

    private static Map<Target, Integer> spread(TargetSelector selector, List<Candidate> candidates) {
        Map<Target, Integer> counts = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            counts.merge(selector.select(candidates, TestSelectionContext.from(key(i))), 1, Integer::sum);
        }
        return counts;
    }

    private static String key(int i) {
        return "172.16." + (i / 256) + '.' + (i % 256);
    }

    private static List<Candidate> candidates(List<Target> targets) {
        return targets.stream().map(target -> new Candidate(target, 0)).toList();
    }

    private static TargetSelector selector(List<Target> targets) {
        return new ConsistentHashPolicy().newSelector(new Upstream("u", targets, Map.of()));
    }
}
