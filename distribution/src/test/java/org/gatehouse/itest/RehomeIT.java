package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * {@code rehome_on_unhealthy} (CONTRACTS-5.md): when active checks mark a target unhealthy, each of its live sessions
 * is closed at a random moment within {@code rehome_window}, 1012 towards the client and 1001 towards the upstream,
 * so the clients reconnect to a healthy target without all coming back at once. Without the flag, live sessions
 * stay where they are and only new handshakes avoid the target.
 *
 * <p>Upstreams: {@code rehome} (targets a, b; {@code rehome_on_unhealthy: true}) and {@code stay} (targets c, d;
 * the flag left at its default, but the same {@code rehome_window}, so a core that ignored the flag would close
 * within the same window this class waits). Both probe {@code GET /health} every second. The targets start with
 * each test, after the gateway, so each test first waits for its targets to be healthy.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RehomeIT extends GatewayTestBase {

    private static final String[] PORTS = {"itest.rehome.a.port", "itest.rehome.b.port", "itest.rehome.c.port",
            "itest.rehome.d.port"};
    private static final String REHOME = "rehome";
    private static final String STAY = "stay";
    private static final String REHOME_PATH = "/ws/rehome";
    private static final String STAY_PATH = "/ws/stay";
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final int THRESHOLD = 2;
    /** The default {@code healthy_threshold}: what bringing a restarted target back takes. */
    private static final int HEALTHY_THRESHOLD = 2;
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration REHOME_WINDOW = Duration.ofSeconds(2);
    /** Scheduling, probe round trips and delivery on a busy machine. */
    private static final Duration SLACK = Duration.ofMillis(1500);
    /** From /health failing to the last 1012: {@code threshold} probes, then the whole window. */
    private static final Duration REHOMED_WITHIN = INTERVAL.multipliedBy(THRESHOLD).plus(REHOME_WINDOW).plus(SLACK);
    private static final Duration HEALTH_WAIT = INTERVAL.multipliedBy(Math.max(THRESHOLD, HEALTHY_THRESHOLD) + 1)
            .plus(TIMEOUT).plusSeconds(5);
    /** Four closes drawn uniformly from 2 s all within this of each other: odds of about 1 in 15 000. */
    private static final Duration MIN_SPREAD = Duration.ofMillis(50);
    private static final int SESSIONS_PER_TARGET = 4;
    private static final String RECONNECT = "target unhealthy, reconnect";

    private TestUpstream a;
    private TestUpstream b;
    private TestUpstream c;
    private TestUpstream d;

    @Configuration
    public Option[] config() {
        int[] ports = new int[PORTS.length];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = GatehouseOptions.freePort();
        }
        String yaml = new GatewayYaml()
                .upstream(checked(REHOME).target(ports[0]).target(ports[1]).health("rehome_on_unhealthy", true))
                .upstream(checked(STAY).target(ports[2]).target(ports[3]))
                .route(REHOME_PATH, REHOME)
                .route(STAY_PATH, STAY)
                .render();
        return GatehouseOptions.gateway(getClass(), yaml,
                GatehouseOptions.property(PORTS[0], ports[0]), GatehouseOptions.property(PORTS[1], ports[1]),
                GatehouseOptions.property(PORTS[2], ports[2]), GatehouseOptions.property(PORTS[3], ports[3]));
    }

    /** Round-robin with active checks of /health and this class's timings; rehome_on_unhealthy is not written. */
    private static GatewayYaml.UpstreamYaml checked(String name) {
        return new GatewayYaml.UpstreamYaml(name).algorithm("round-robin")
                .activeHealth("/health", INTERVAL.toSeconds() + "s")
                .health("threshold", THRESHOLD)
                .health("timeout", TIMEOUT.toMillis() + "ms")
                .health("rehome_window", REHOME_WINDOW.toSeconds() + "s");
    }

    @Before
    public void startTargetsAndAwaitHealthy() {
        a = startUpstream(on(PORTS[0]));
        b = startUpstream(on(PORTS[1]));
        c = startUpstream(on(PORTS[2]));
        d = startUpstream(on(PORTS[3]));
        gateway().awaitHealthy(List.of(id(REHOME, a), id(REHOME, b), id(STAY, c), id(STAY, d)), HEALTH_WAIT);
    }

    private static TestUpstream.Builder on(String portProperty) {
        return TestUpstream.builder().port(GatehouseOptions.intProperty(portProperty)).healthPath("/health");
    }

    @Test
    public void sessionsOnATargetTurnedUnhealthyAreClosedWith1012SpreadOverTheWindowAndReconnectElsewhere() {
        Gateway gateway = gateway();
        List<List<Session>> placed = openUntilEachHas(REHOME_PATH, a, b);
        List<Session> onA = placed.get(0);
        List<Session> onB = placed.get(1);
        for (Session session : union(onA, onB)) {
            assertTextRoundTrip(session.client(), session.leg(), "before " + session.target());
        }
        awaitPassedCheck(a);
        // When each client's close frame arrived, taken on its event loop as it arrives.
        List<CompletableFuture<Long>> arrivals = onA.stream()
                .map(s -> s.client().closeReceived().thenApply(status -> System.nanoTime())).toList();
        String target = id(REHOME, a);

        long failingFrom;
        Long markedAt;
        try (Gateway.UnhealthyWatch watch = gateway.watchUnhealthy(list -> list.contains(target))) {
            a.healthStatus(500);
            failingFrom = System.nanoTime();
            markedAt = watch.awaitNanoTime(HEALTH_WAIT);
            assertNotNull(target + " not in " + Gateway.UNHEALTHY + " " + HEALTH_WAIT + " after /health started"
                    + " answering 500: " + gateway.unhealthyTargets(), markedAt);
        }

        long[] closedAt = new long[onA.size()];
        long deadline = failingFrom + REHOMED_WITHIN.plus(WAIT).toNanos();
        for (int i = 0; i < onA.size(); i++) {
            closedAt[i] = awaitBy(arrivals.get(i), deadline, "a close frame on " + onA.get(i).client()
                    + ", session " + i + " of " + onA.size() + " on " + a);
        }
        long first = Arrays.stream(closedAt).min().orElseThrow();
        long last = Arrays.stream(closedAt).max().orElseThrow();
        // The probe that reached the threshold: no session may be closed before it was answered.
        long thresholdProbe = a.healthChecks().stream().filter(check -> check.status() == 500)
                .map(TestUpstream.CheckRequest::nanoTime).sorted().skip(THRESHOLD - 1).findFirst()
                .orElseThrow(() -> new AssertionError("fewer than " + THRESHOLD + " probes answered 500: "
                        + a.healthChecks()));
        long[] sinceMark = Arrays.stream(closedAt).map(t -> millisBetween(markedAt, t)).sorted().toArray();
        System.out.printf("rehome (interval %s, threshold %d, rehome_window %s, %d sessions on the target):"
                        + " /health answers 500 from t=0; probe %d answered 500 at %d ms; marked unhealthy at %d ms;"
                        + " first 1012 at %d ms, last 1012 at %d ms, spread %d ms; 1012s after the mark (ms): %s%n",
                INTERVAL, THRESHOLD, REHOME_WINDOW, onA.size(), THRESHOLD, millisBetween(failingFrom, thresholdProbe),
                millisBetween(failingFrom, markedAt), millisBetween(failingFrom, first),
                millisBetween(failingFrom, last), millisBetween(first, last), Arrays.toString(sinceMark));

        for (int i = 0; i < onA.size(); i++) {
            Session session = onA.get(i);
            CloseStatus status = session.client().awaitCloseFrame(WAIT);
            assertEquals("close frame to the client of session " + i + " on " + a, 1012, status.code());
            assertEquals("close frame to the client of session " + i + " on " + a, RECONNECT, status.reason());
            assertEquals("close frame to the upstream leg of session " + i + " on " + a, 1001,
                    session.leg().awaitCloseFrame(WAIT).code());
            assertTrue("session " + i + " closed with 1012 " + millisBetween(closedAt[i], thresholdProbe)
                    + " ms before the probe that reached the threshold", closedAt[i] > thresholdProbe);
            session.leg().awaitDisconnected(WAIT);
            session.client().awaitDisconnected(WAIT);
        }
        assertTrue("last 1012 at " + millisBetween(failingFrom, last) + " ms after /health failed, expected within "
                + REHOMED_WITHIN.toMillis() + " ms (threshold x interval + rehome_window + slack)",
                millisBetween(failingFrom, last) <= REHOMED_WITHIN.toMillis());
        assertTrue("the 1012s ended " + millisBetween(thresholdProbe, last) + " ms after the threshold probe,"
                        + " expected within rehome_window " + REHOME_WINDOW.toMillis() + " ms + " + SLACK.toMillis()
                        + " ms slack",
                millisBetween(thresholdProbe, last) <= REHOME_WINDOW.plus(SLACK).toMillis());
        assertTrue("the " + onA.size() + " closes were not spread: first and last " + millisBetween(first, last)
                + " ms apart, expected at least " + MIN_SPREAD.toMillis() + " ms",
                millisBetween(first, last) >= MIN_SPREAD.toMillis());

        // Every client of the unhealthy target reconnects, and lands on the healthy one.
        for (int i = 0; i < onA.size(); i++) {
            Session again = openOn(REHOME_PATH, a, b);
            assertEquals("client " + i + " reconnecting after its 1012", b, again.target());
            assertTextRoundTrip(again.client(), again.leg(), "reconnected " + i);
        }

        // Until the whole window is over (from the threshold probe, so from before the mark), nothing closes on b.
        assertNoClose(onB, thresholdProbe + REHOME_WINDOW.plus(SLACK).toNanos(), b);
        for (Session session : onB) {
            assertTextRoundTrip(session.client(), session.leg(), "after " + a + " was rehomed");
        }
        assertEquals("targets unhealthy at the end", List.of(target), gateway.unhealthyTargets());
    }

    @Test
    public void withoutRehomeSessionsOnATargetTurnedUnhealthyStayOpenAndEcho() {
        Gateway gateway = gateway();
        List<List<Session>> placed = openUntilEachHas(STAY_PATH, c, d);
        List<Session> all = union(placed.get(0), placed.get(1));
        for (Session session : all) {
            assertTextRoundTrip(session.client(), session.leg(), "before " + session.target());
        }
        awaitPassedCheck(c);
        String target = id(STAY, c);

        c.healthStatus(500);
        long failingFrom = System.nanoTime();
        gateway.awaitUnhealthy(target, HEALTH_WAIT);
        long markedAt = System.nanoTime();
        System.out.printf("no rehome (interval %s, threshold %d): /health answers 500 from t=0; %s marked unhealthy"
                + " at %d ms with %d live sessions on it%n", INTERVAL, THRESHOLD, target,
                millisBetween(failingFrom, markedAt), placed.get(0).size());

        // rehome_window is set on this upstream too: a core that rehomed anyway would close within it.
        assertNoClose(all, markedAt + REHOME_WINDOW.plus(SLACK).toNanos(), c);
        for (Session session : all) {
            assertTextRoundTrip(session.client(), session.leg(), "after " + target + " turned unhealthy");
        }
        // New handshakes avoid the unhealthy target while its old sessions carry on.
        for (int i = 0; i < 2; i++) {
            assertEquals("new handshake " + i + " while " + target + " is unhealthy", d,
                    openOn(STAY_PATH, c, d).target());
        }
        for (Session session : placed.get(0)) {
            assertTextRoundTrip(session.client(), session.leg(), "still on " + target);
        }
    }

    /**
     * Opens sessions on {@code path} one at a time until each of {@code targets} holds
     * {@link #SESSIONS_PER_TARGET}, at most four times as many handshakes as needed; returns the sessions per target.
     */
    private List<List<Session>> openUntilEachHas(String path, TestUpstream... targets) {
        List<List<Session>> placed = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            placed.add(new ArrayList<>());
        }
        int limit = 4 * SESSIONS_PER_TARGET * targets.length;
        for (int handshakes = 0; placed.stream().anyMatch(l -> l.size() < SESSIONS_PER_TARGET); handshakes++) {
            assertTrue("after " + handshakes + " handshakes on " + path + ", sessions per target "
                    + placed.stream().map(List::size).toList() + ", wanted " + SESSIONS_PER_TARGET + " each",
                    handshakes < limit);
            Session session = openOn(path, targets);
            placed.get(Arrays.asList(targets).indexOf(session.target())).add(session);
        }
        return placed;
    }

    /**
     * Waits until {@code until} (a {@link System#nanoTime()} reading) for a close frame or a disconnection on either
     * leg of {@code sessions}, and fails if one came: the bounded wait is the assertion.
     */
    private static void assertNoClose(List<Session> sessions, long until, TestUpstream unhealthy) {
        List<CompletableFuture<?>> ends = new ArrayList<>();
        for (Session session : sessions) {
            ends.add(session.client().closeReceived());
            ends.add(session.client().disconnected());
            ends.add(session.leg().closeReceived());
            ends.add(session.leg().disconnected());
        }
        CompletableFuture<Object> any = CompletableFuture.anyOf(ends.toArray(CompletableFuture[]::new));
        Object ended;
        try {
            ended = any.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            ended = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
        for (Session session : sessions) {
            assertFalse(session.client() + " on " + session.target() + " received a close frame "
                            + session.client().closeReceived().getNow(null) + " after " + unhealthy
                            + " turned unhealthy", session.client().closeReceived().isDone());
            assertFalse("upstream leg of " + session.client() + " on " + session.target() + " received "
                    + session.leg().closeReceived().getNow(null), session.leg().closeReceived().isDone());
            assertTrue(session.client() + " on " + session.target() + " disconnected", session.client().isOpen());
            assertTrue("upstream leg on " + session.target() + " disconnected", session.leg().isOpen());
        }
        assertNull("a session ended", ended);
    }

    private static long awaitBy(CompletableFuture<Long> future, long deadline, String what) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("waited in vain for " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /**
     * Waits until {@code target} passed a health check: it may carry a failed probe from before it started, which
     * would let one failing probe of the test reach the threshold; a passed one resets the count.
     */
    private static void awaitPassedCheck(TestUpstream target) {
        assertTrue("no health check of " + target + " passed within " + HEALTH_WAIT,
                target.awaitHealthChecksAnsweredAbove(200, 0, HEALTH_WAIT));
    }

    private static String id(String upstream, TestUpstream target) {
        return Gateway.target(upstream, target.port());
    }

    private static List<Session> union(List<Session> first, List<Session> second) {
        List<Session> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
