package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Passive health checks (CONTRACTS-5.md): real failures count against a target; {@code threshold} of them within
 * {@code interval} take it out of rotation for a cool-down of {@code interval}, after which one success brings it
 * back. Round-robin over three targets, so a target in rotation gets every third handshake.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PassiveHealthIT extends GatewayTestBase {

    private static final String PORT_A = "itest.passive.a.port";
    private static final String PORT_B = "itest.passive.b.port";
    private static final String PORT_C = "itest.passive.c.port";
    private static final String UPSTREAM = "main";
    private static final String PATH = "/ws/main";
    private static final int THRESHOLD = 2;
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    /** Handshakes counted as "within the cool-down" stay within this much of the moment the target was marked. */
    private static final Duration SAFELY_WITHIN_COOL_DOWN = INTERVAL.dividedBy(2);
    /** How much earlier than {@link #INTERVAL} after the observed mark a target may come back: the observation lag. */
    private static final Duration OBSERVATION_SLACK = Duration.ofMillis(250);

    private TestUpstream a;
    private TestUpstream b;
    private TestUpstream c;

    @Configuration
    public Option[] config() {
        int portA = GatehouseOptions.freePort();
        int portB = GatehouseOptions.freePort();
        int portC = GatehouseOptions.freePort();
        String yaml = new GatewayYaml()
                .upstream(new GatewayYaml.UpstreamYaml(UPSTREAM).algorithm("round-robin")
                        .target(portA).target(portB).target(portC)
                        .passiveHealth(THRESHOLD, INTERVAL.toSeconds() + "s"))
                .route(PATH, UPSTREAM)
                .render();
        return GatehouseOptions.gateway(getClass(), yaml, GatehouseOptions.property(PORT_A, portA),
                GatehouseOptions.property(PORT_B, portB), GatehouseOptions.property(PORT_C, portC));
    }

    @Before
    public void startTargetsAndAwaitAllHealthy() {
        a = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(PORT_A)));
        b = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(PORT_B)));
        c = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(PORT_C)));
        // Passive checks bring a target back only through traffic: after an earlier test, drive some until all are
        // healthy (the first test of the class finds them healthy at once).
        List<String> all = List.of(id(a), id(b), id(c));
        long deadline = System.nanoTime() + INTERVAL.plus(WAIT).toNanos();
        while (gateway().unhealthyTargets().stream().anyMatch(all::contains)) {
            assertTrue("targets still unhealthy " + INTERVAL.plus(WAIT) + " after the test started: "
                    + gateway().unhealthyTargets(), System.nanoTime() < deadline);
            closeSession(openOn(PATH, a, b, c));
        }
    }

    @Test
    public void targetAnsweringUpgradesWith500IsSkippedAfterThresholdFailuresAndRejoinsAfterCoolDown() {
        Gateway gateway = gateway();
        String target = id(c);
        int cBefore = c.requestCount();
        int failures = 0;
        int handshakes = 0;
        long lastFailureAt = 0;
        Long markedAt;
        try (Gateway.UnhealthyWatch watch = gateway.watchUnhealthy(list -> list.contains(target))) {
            c.upgradeStatus(500);
            long failingFrom = System.nanoTime();
            long deadline = failingFrom + WAIT.toNanos();
            while (failures < THRESHOLD) {
                assertTrue("only " + failures + " failed upgrades after " + handshakes + " handshakes in " + WAIT,
                        System.nanoTime() < deadline);
                assertFalse("marked unhealthy after " + failures + " failures, threshold " + THRESHOLD,
                        watch.reached());
                Session session = handshakeOn(TestClient.to(ws(PATH)), a, b, c);
                handshakes++;
                if (session.upgraded()) {
                    closeSession(session);
                } else {
                    // Relayed as the upstream's 500 (CONTRACTS.md) or reported as a failed upgrade, 502.
                    int status = session.answer().status();
                    assertTrue("a client hitting the failing target got " + session.answer(),
                            status == 500 || status == 502);
                    assertEquals("the failed upgrade reached the failing target", c, session.target());
                    failures++;
                    lastFailureAt = System.nanoTime();
                    session.client().close();
                }
            }
            markedAt = watch.awaitNanoTime(WAIT);
            assertNotNull(target + " not in " + Gateway.UNHEALTHY + " " + WAIT + " after " + THRESHOLD
                    + " failed upgrades: " + gateway.unhealthyTargets(), markedAt);
            System.out.printf("passive (threshold %d, interval %s): upgrades answered 500 from t=0; %d handshakes;"
                            + " last handshake reaching the target at %d ms; marked unhealthy at %d ms%n",
                    THRESHOLD, INTERVAL, handshakes, millisBetween(failingFrom, lastFailureAt),
                    millisBetween(failingFrom, markedAt));
        }
        assertEquals("upgrade requests that reached the failing target", THRESHOLD, c.requestCount() - cBefore);

        int within = handshakesWithinCoolDown(markedAt, 9, c);
        assertTrue("only " + within + " handshakes fitted in " + SAFELY_WITHIN_COOL_DOWN, within >= 3);
        assertEquals("upgrade requests that reached the unhealthy target", cBefore + THRESHOLD, c.requestCount());

        c.upgradeStatus(0);
        assertRejoinsAfterCoolDown(gateway, target, c, markedAt, "recovered");
    }

    @Test
    public void killedTargetIsSkippedWithoutClientErrorsAndRejoinsOnceAServerIsBackAfterCoolDown() {
        Gateway gateway = gateway();
        String target = id(c);
        int port = c.port();

        c.close();
        long killedAt = System.nanoTime();
        int handshakes = 0;
        Long markedAt;
        try (Gateway.UnhealthyWatch watch = gateway.watchUnhealthy(list -> list.contains(target))) {
            long deadline = killedAt + WAIT.toNanos();
            while (!watch.reached()) {
                assertTrue("not marked unhealthy after " + handshakes + " handshakes in " + WAIT,
                        System.nanoTime() < deadline);
                // Connect failures are retried on another target: the client sees no error.
                closeSession(openOn(PATH, a, b));
                handshakes++;
            }
            markedAt = watch.awaitNanoTime(Duration.ZERO);
        }
        assertNotNull(markedAt);
        System.out.printf("passive (threshold %d, interval %s): target stopped at t=0; marked unhealthy at %d ms"
                        + " after %d handshakes, all upgraded%n", THRESHOLD, INTERVAL,
                millisBetween(killedAt, markedAt), handshakes);

        // A server on the same port again: while the cool-down lasts, not even a TCP connection may reach it.
        TestUpstream revived = startUpstream(TestUpstream.builder().port(port));
        int within = handshakesWithinCoolDown(markedAt, 9, revived);
        assertTrue("only " + within + " handshakes fitted in " + SAFELY_WITHIN_COOL_DOWN, within >= 3);
        assertEquals("TCP connections to the unhealthy target's port during the cool-down", 0,
                revived.acceptedConnections());

        assertRejoinsAfterCoolDown(gateway, target, revived, markedAt, "restarted");
    }

    /**
     * Makes handshakes until one reaches {@code upstream}; asserts that this happened no earlier than the cool-down
     * after {@code markedAt}, and that the target then leaves the unhealthy list.
     */
    private void assertRejoinsAfterCoolDown(Gateway gateway, String target, TestUpstream upstream, long markedAt,
                                            String which) {
        long backAt = handshakesUntilItReaches(upstream, markedAt);
        long after = millisBetween(markedAt, backAt);
        System.out.printf("passive: first handshake reaching the %s target %d ms after it was marked%n", which, after);
        assertTrue("the target was tried again " + after + " ms after it was marked, before the cool-down of "
                + INTERVAL, after >= INTERVAL.minus(OBSERVATION_SLACK).toMillis());
        gateway.awaitUnhealthy("to no longer contain " + target, list -> !list.contains(target), WAIT);
    }

    @Test
    public void upgradesAnswered404AreNotFailures() {
        String target = id(c);
        int cBefore = c.requestCount();
        c.upgradeStatus(404);
        for (int i = 0; i < 3 * (THRESHOLD + 1); i++) {
            Session session = handshakeOn(TestClient.to(ws(PATH)), a, b, c);
            if (session.target() == c) {
                assertEquals("the upstream's answer is relayed: " + session.answer(), 404,
                        session.answer().status());
                session.client().close();
            } else {
                assertEquals(session.answer().toString(), 101, session.answer().status());
                closeSession(session);
            }
        }
        assertEquals("404 answers from the target", THRESHOLD + 1, c.requestCount() - cBefore);

        // Had the 404s counted, the target would now sit out a cool-down of INTERVAL, far longer than these.
        c.upgradeStatus(0);
        int reachedBefore = c.requestCount();
        for (int i = 0; i < 6; i++) {
            closeSession(openOn(PATH, a, b, c));
        }
        assertEquals("handshakes that reached the target right after its 404s (round-robin over three)", 2,
                c.requestCount() - reachedBefore);
        assertFalse(target + " is in " + Gateway.UNHEALTHY, gateway().unhealthyTargets().contains(target));
    }

    /**
     * Up to {@code max} handshakes, all started within {@link #SAFELY_WITHIN_COOL_DOWN} of {@code markedAt}; each
     * must be upgraded by a or b, none may reach {@code unhealthy}. Returns how many there were.
     */
    private int handshakesWithinCoolDown(long markedAt, int max, TestUpstream unhealthy) {
        long until = markedAt + SAFELY_WITHIN_COOL_DOWN.toNanos();
        int made = 0;
        while (made < max && System.nanoTime() < until) {
            Session session = handshakeOn(TestClient.to(ws(PATH)), a, b, unhealthy);
            assertTrue("handshake " + made + " of the cool-down reached the unhealthy target " + unhealthy + " ("
                    + session.answer() + ")", session.target() != unhealthy);
            assertEquals("handshake " + made + " of the cool-down: " + session.answer(), 101,
                    session.answer().status());
            closeSession(session);
            made++;
        }
        return made;
    }

    /**
     * Handshakes, each upgraded, until one reaches {@code target}; returns when that one was answered. Bounded by
     * the cool-down plus {@link #WAIT} from {@code markedAt}.
     */
    private long handshakesUntilItReaches(TestUpstream target, long markedAt) {
        long deadline = markedAt + INTERVAL.plus(WAIT).toNanos();
        while (true) {
            assertTrue("no handshake reached " + target + " within " + INTERVAL.plus(WAIT) + " of it being marked"
                    + " unhealthy; unhealthy: " + gateway().unhealthyTargets(), System.nanoTime() < deadline);
            Session session = openOn(PATH, a, b, target);
            closeSession(session);
            if (session.target() == target) {
                return System.nanoTime();
            }
        }
    }

    private static String id(TestUpstream target) {
        return Gateway.target(UPSTREAM, target.port());
    }
}
