package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The built-in load-balancing policies, each installed from the distribution's {@code deploy/} folder, place real
 * handshakes on three real targets as CONTRACTS-5.md says: one upstream per policy, each with its own route, all on
 * the same three targets (each test counts only its own handshakes: the targets are new for every test).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BalancingPoliciesIT extends GatewayTestBase {

    private static final String PORT_A = "itest.balancing.a.port";
    private static final String PORT_B = "itest.balancing.b.port";
    private static final String PORT_C = "itest.balancing.c.port";
    /** Weighted round-robin's weights for a, b and c. */
    private static final int[] WEIGHTS = {5, 1, 1};
    /** One smooth cycle for 5:1:1 (CONTRACTS-5.md): a a b a c a a, never a a a a a b c. */
    private static final String SMOOTH_CYCLE = "aabacaa";

    private TestUpstream a;
    private TestUpstream b;
    private TestUpstream c;
    private Map<TestUpstream, Character> labels;

    @Configuration
    public Option[] config() {
        int portA = GatehouseOptions.freePort();
        int portB = GatehouseOptions.freePort();
        int portC = GatehouseOptions.freePort();
        String yaml = new GatewayYaml()
                .upstream(new GatewayYaml.UpstreamYaml("wrr").algorithm("weighted-round-robin")
                        .weightedTarget(portA, WEIGHTS[0]).weightedTarget(portB, WEIGHTS[1])
                        .weightedTarget(portC, WEIGHTS[2]))
                .upstream(threeTargets("lc", portA, portB, portC).algorithm("least-connections"))
                .upstream(threeTargets("lcalias", portA, portB, portC).algorithm("least-conn"))
                .upstream(threeTargets("rnd", portA, portB, portC).algorithm("random"))
                .upstream(threeTargets("hash", portA, portB, portC).algorithm("consistent-hash")
                        .hashOn("header:X-User"))
                .route("/ws/wrr", "wrr")
                .route("/ws/lc", "lc")
                .route("/ws/lcalias", "lcalias")
                .route("/ws/rnd", "rnd")
                .route("/ws/hash", "hash")
                .render();
        return GatehouseOptions.gateway(getClass(), yaml, GatehouseOptions.property(PORT_A, portA),
                GatehouseOptions.property(PORT_B, portB), GatehouseOptions.property(PORT_C, portC));
    }

    private static GatewayYaml.UpstreamYaml threeTargets(String name, int portA, int portB, int portC) {
        return new GatewayYaml.UpstreamYaml(name).target(portA).target(portB).target(portC);
    }

    @Before
    public void startTargets() {
        a = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(PORT_A)));
        b = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(PORT_B)));
        c = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(PORT_C)));
        labels = Map.of(a, 'a', b, 'b', c, 'c');
    }

    @Test
    public void weightedRoundRobinSplits70HandshakesExactly50To10To10InSmoothOrder() {
        StringBuilder picks = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            Session session = openOn("/ws/wrr", a, b, c);
            picks.append(labels.get(session.target()));
            closeSession(session);
        }

        String sequence = picks.toString();
        System.out.println("weighted-round-robin 5:1:1 picks: " + sequence);
        assertEquals("a's handshakes in " + sequence, 50, count(sequence, 'a'));
        assertEquals("b's handshakes in " + sequence, 10, count(sequence, 'b'));
        assertEquals("c's handshakes in " + sequence, 10, count(sequence, 'c'));
        assertTrue("picks are not the smooth cycle " + SMOOTH_CYCLE + " repeated (from any starting point): "
                + sequence, isSmoothCycleRepeated(sequence));
    }

    @Test
    public void leastConnectionsSendsEachNewSessionToATargetWithTheFewestLiveSessions() {
        assertLeastConnections("/ws/lc");
    }

    @Test
    public void leastConnAliasBehavesAsLeastConnections() {
        assertLeastConnections("/ws/lcalias");
    }

    /**
     * Sessions kept open: each new one must land on a target that had the fewest live sessions, so the counts stay
     * within one of each other; then sessions closed on one target send the next ones there.
     */
    private void assertLeastConnections(String path) {
        Map<TestUpstream, List<Session>> live = liveSessionsByTarget();
        for (int i = 0; i < 30; i++) {
            Map<TestUpstream, Integer> before = counts(live);
            Session session = openOn(path, a, b, c);
            int fewest = before.values().stream().min(Integer::compare).orElseThrow();
            assertEquals("session " + i + " went to " + labels.get(session.target()) + " with live sessions "
                    + describe(before), fewest, (int) before.get(session.target()));
            live.get(session.target()).add(session);
            Map<TestUpstream, Integer> after = counts(live);
            assertTrue("live sessions " + describe(after) + " are not within one of each other", spread(after) <= 1);
        }
        assertEquals("30 sessions spread evenly", Map.of(a, 10, b, 10, c, 10), counts(live));

        // Close three of a's sessions: a now has the fewest (7 against 10 and 10), so the next three go to a.
        for (int i = 0; i < 3; i++) {
            Session gone = live.get(a).remove(0);
            closeSession(gone);
            gone.client().awaitDisconnected(WAIT);
        }
        for (int i = 0; i < 3; i++) {
            Session session = openOn(path, a, b, c);
            assertEquals("after a lost three sessions, new session " + i + " (live sessions were "
                    + describe(counts(live)) + ")", 'a', (char) labels.get(session.target()));
            live.get(session.target()).add(session);
        }
    }

    @Test
    public void randomUsesEveryTargetAndNeverPicksTheOneWithTheMostSessions() {
        Map<TestUpstream, List<Session>> live = liveSessionsByTarget();
        for (int i = 0; i < 60; i++) {
            Map<TestUpstream, Integer> before = counts(live);
            Session session = openOn("/ws/rnd", a, b, c);
            // Two distinct random candidates, the one with fewer sessions: a target with strictly more sessions than
            // both others loses every pair it is in.
            int chosen = before.get(session.target());
            boolean strictMaximum = before.entrySet().stream()
                    .filter(e -> e.getKey() != session.target())
                    .allMatch(e -> e.getValue() < chosen);
            assertFalse("session " + i + " went to " + labels.get(session.target())
                    + ", which had more live sessions than both others: " + describe(before), strictMaximum);
            live.get(session.target()).add(session);
        }
        Map<TestUpstream, Integer> counts = counts(live);
        System.out.println("random, 60 sessions kept open: " + describe(counts));
        assertEquals("every handshake reached one of the three targets", 60,
                counts.values().stream().mapToInt(Integer::intValue).sum());
        counts.forEach((target, n) -> assertTrue(labels.get(target) + " starved: " + describe(counts), n >= 10));
    }

    @Test
    public void consistentHashOnHeaderKeepsEachUserOnOneTargetAndSpreadsUsers() {
        Map<String, Set<Character>> targetsByUser = new LinkedHashMap<>();
        // Interleaved rounds: a user's later handshakes come after other users' ones.
        for (int round = 0; round < 3; round++) {
            for (int user = 0; user < 20; user++) {
                String name = "user-" + user;
                Session session = openOn(TestClient.to(ws("/ws/hash")).header("X-User", name), a, b, c);
                targetsByUser.computeIfAbsent(name, k -> new HashSet<>()).add(labels.get(session.target()));
                closeSession(session);
            }
        }
        System.out.println("consistent-hash on header:X-User: " + targetsByUser);
        targetsByUser.forEach((user, targets) ->
                assertEquals(user + " reached more than one target: " + targetsByUser, 1, targets.size()));
        Set<Character> used = targetsByUser.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertTrue("20 users all hashed to one target: " + targetsByUser, used.size() > 1);
    }

    @Test
    public void consistentHashWithoutTheHeaderFallsBackToTheClientAddress() {
        Set<Character> reached = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            Session session = openOn("/ws/hash", a, b, c);
            reached.add(labels.get(session.target()));
            closeSession(session);
        }
        assertEquals("handshakes from 127.0.0.1 without X-User reached " + reached, 1, reached.size());
    }

    private Map<TestUpstream, List<Session>> liveSessionsByTarget() {
        Map<TestUpstream, List<Session>> live = new LinkedHashMap<>();
        for (TestUpstream target : List.of(a, b, c)) {
            live.put(target, new ArrayList<>());
        }
        return live;
    }

    private static Map<TestUpstream, Integer> counts(Map<TestUpstream, List<Session>> live) {
        Map<TestUpstream, Integer> counts = new HashMap<>();
        live.forEach((target, sessions) -> counts.put(target, sessions.size()));
        return counts;
    }

    private static int spread(Map<TestUpstream, Integer> counts) {
        return counts.values().stream().max(Integer::compare).orElseThrow()
                - counts.values().stream().min(Integer::compare).orElseThrow();
    }

    private String describe(Map<TestUpstream, Integer> counts) {
        return "a=" + counts.get(a) + " b=" + counts.get(b) + " c=" + counts.get(c);
    }

    private static int count(String sequence, char target) {
        return (int) sequence.chars().filter(ch -> ch == target).count();
    }

    /** Whether {@code sequence} is {@link #SMOOTH_CYCLE} repeated, starting anywhere in the cycle. */
    private static boolean isSmoothCycleRepeated(String sequence) {
        for (int offset = 0; offset < SMOOTH_CYCLE.length(); offset++) {
            boolean matches = true;
            for (int i = 0; i < sequence.length() && matches; i++) {
                matches = sequence.charAt(i) == SMOOTH_CYCLE.charAt((offset + i) % SMOOTH_CYCLE.length());
            }
            if (matches) {
                return true;
            }
        }
        return false;
    }
}
