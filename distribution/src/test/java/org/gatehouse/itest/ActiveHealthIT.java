package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Active health checks (CONTRACTS-5.md): the probes of the {@code org.gatehouse.health.probes} bundle, HTTP and
 * WebSocket, take a target out of rotation after {@code threshold} failed probes and back after
 * {@code healthy_threshold} good ones, whatever its WebSocket side does meanwhile.
 *
 * <p>Upstreams: {@code http} (targets a, b, c; {@code GET /health}), {@code wstype} ({@code type: websocket},
 * {@code path: /probe}) and {@code wsprefix} ({@code path: "ws:/probe"}), both on targets d, e, f, and
 * {@code allbad}, whose two targets have nothing listening. The targets start with each test, after the gateway, so
 * each test first waits for its targets to be healthy.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ActiveHealthIT extends GatewayTestBase {

    private static final String[] HTTP_PORTS = {"itest.active.a.port", "itest.active.b.port", "itest.active.c.port"};
    private static final String[] WS_PORTS = {"itest.active.d.port", "itest.active.e.port", "itest.active.f.port"};
    private static final String[] DEAD_PORTS = {"itest.active.dead1.port", "itest.active.dead2.port"};
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final String INTERVAL_YAML = "1s";
    private static final int THRESHOLD = 2;
    private static final int HEALTHY_THRESHOLD = 2;
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** A transition takes up to max(threshold, healthy_threshold) probes; the rest is slack for a busy machine. */
    private static final Duration HEALTH_WAIT = INTERVAL.multipliedBy(Math.max(THRESHOLD, HEALTHY_THRESHOLD) + 1)
            .plus(TIMEOUT).plusSeconds(5);
    private static final String PROBE_HEADER = "X-Probe";
    private static final String PROBE_HEADER_VALUE = "itest-probe-42";
    private static final String AUTHORIZATION_VALUE = "Bearer itest-token";
    /** Each upstream's probes also send {@code X-Upstream: <name>}, so a target shared by two tells them apart. */
    private static final String UPSTREAM_HEADER = "X-Upstream";

    private TestUpstream a;
    private TestUpstream b;
    private TestUpstream c;
    private TestUpstream d;
    private TestUpstream e;
    private TestUpstream f;
    private LogCapture log;

    @Configuration
    public Option[] config() {
        int[] http = freePorts(3);
        int[] ws = freePorts(3);
        int[] dead = freePorts(2);
        String yaml = new GatewayYaml()
                .upstream(timings("http").target(http[0]).target(http[1]).target(http[2])
                        .activeHealth("/health", INTERVAL_YAML).probeHeader("Authorization", AUTHORIZATION_VALUE))
                .upstream(timings("wstype").target(ws[0]).target(ws[1]).target(ws[2])
                        .activeHealth("/probe", INTERVAL_YAML).health("type", "websocket"))
                .upstream(timings("wsprefix").target(ws[0]).target(ws[1]).target(ws[2])
                        .activeHealth("ws:/probe", INTERVAL_YAML))
                .upstream(timings("allbad").target(dead[0]).target(dead[1]).activeHealth("/health", INTERVAL_YAML))
                .route("/ws/http", "http")
                .route("/ws/wstype", "wstype")
                .route("/ws/wsprefix", "wsprefix")
                .route("/ws/allbad", "allbad")
                .render();
        return GatehouseOptions.gateway(getClass(), yaml,
                GatehouseOptions.property(HTTP_PORTS[0], http[0]), GatehouseOptions.property(HTTP_PORTS[1], http[1]),
                GatehouseOptions.property(HTTP_PORTS[2], http[2]), GatehouseOptions.property(WS_PORTS[0], ws[0]),
                GatehouseOptions.property(WS_PORTS[1], ws[1]), GatehouseOptions.property(WS_PORTS[2], ws[2]),
                GatehouseOptions.property(DEAD_PORTS[0], dead[0]), GatehouseOptions.property(DEAD_PORTS[1], dead[1]));
    }

    /** An upstream with this class's probe timings and headers. */
    private static GatewayYaml.UpstreamYaml timings(String name) {
        return new GatewayYaml.UpstreamYaml(name).health("threshold", THRESHOLD)
                .health("healthy_threshold", HEALTHY_THRESHOLD).health("timeout", TIMEOUT.toMillis() + "ms")
                .probeHeader(PROBE_HEADER, PROBE_HEADER_VALUE).probeHeader(UPSTREAM_HEADER, name);
    }

    private static int[] freePorts(int n) {
        int[] ports = new int[n];
        for (int i = 0; i < n; i++) {
            ports[i] = GatehouseOptions.freePort();
        }
        return ports;
    }

    @Before
    public void startTargets() {
        log = LogCapture.attach();
        a = startUpstream(on(HTTP_PORTS[0]).healthPath("/health"));
        b = startUpstream(on(HTTP_PORTS[1]).healthPath("/health"));
        c = startUpstream(on(HTTP_PORTS[2]).healthPath("/health"));
        d = startUpstream(on(WS_PORTS[0]).probePath("/probe"));
        e = startUpstream(on(WS_PORTS[1]).probePath("/probe"));
        f = startUpstream(on(WS_PORTS[2]).probePath("/probe"));
    }

    private static TestUpstream.Builder on(String portProperty) {
        return TestUpstream.builder().port(GatehouseOptions.intProperty(portProperty));
    }

    @After
    public void stopCapturingLogs() {
        log.close();
    }

    @Test
    public void failingHttpProbesTakeATargetOutOfRotationUntilItsProbesPassAgain() {
        Gateway gateway = gateway();
        gateway.awaitHealthy(ids("http", a, b, c), HEALTH_WAIT);
        awaitPassedCheck(c);
        String target = Gateway.target("http", c.port());

        c.healthStatus(500);
        long failingFrom = System.nanoTime();
        gateway.awaitUnhealthy(target, HEALTH_WAIT);
        long markedAt = System.nanoTime();
        int failedProbes = c.healthChecksAnswered(500);
        System.out.printf("active http (interval %s, threshold %d, timeout %s): /health answers 500 from t=0;"
                        + " marked unhealthy at %d ms after %d failed probes%n", INTERVAL, THRESHOLD, TIMEOUT,
                millisBetween(failingFrom, markedAt), failedProbes);
        assertTrue("marked unhealthy after " + failedProbes + " failed probes, threshold " + THRESHOLD,
                failedProbes >= THRESHOLD);
        log.await("reporting " + target + " unhealthy",
                LogCapture.containing("upstream \"http\" target 127.0.0.1:" + c.port() + " is unhealthy: "), WAIT);

        // Its WebSocket side works, but it gets no handshakes while its probes fail.
        int cBefore = c.requestCount();
        for (int i = 0; i < 9; i++) {
            closeSession(openOn("/ws/http", a, b, c));
        }
        assertEquals("handshakes that reached the unhealthy target", cBefore, c.requestCount());

        int passedBefore = c.healthChecksAnswered(200);
        c.healthStatus(200);
        long passingFrom = System.nanoTime();
        gateway.awaitUnhealthy("to no longer contain " + target, list -> !list.contains(target), HEALTH_WAIT);
        long healthyAt = System.nanoTime();
        int passedProbes = c.healthChecksAnswered(200) - passedBefore;
        System.out.printf("active http: /health answers 200 again from t=0; healthy again at %d ms after %d"
                + " passed probes (healthy_threshold %d)%n", millisBetween(passingFrom, healthyAt), passedProbes,
                HEALTHY_THRESHOLD);
        assertTrue("healthy again after " + passedProbes + " passed probes, healthy_threshold " + HEALTHY_THRESHOLD,
                passedProbes >= HEALTHY_THRESHOLD);
        log.await("reporting " + target + " healthy again",
                LogCapture.containing("upstream \"http\" target 127.0.0.1:" + c.port() + " is healthy again"), WAIT);

        int cHealthy = c.requestCount();
        for (int i = 0; i < 6; i++) {
            closeSession(openOn("/ws/http", a, b, c));
        }
        assertTrue("no handshake reached the target after it became healthy again", c.requestCount() > cHealthy);
    }

    @Test
    public void httpProbesSendTheConfiguredHeadersToTheConfiguredPath() {
        gateway();
        assertTrue("no health check reached " + a + " within " + HEALTH_WAIT, a.awaitHealthChecksAbove(0, HEALTH_WAIT));
        for (TestUpstream.CheckRequest check : a.healthChecks()) {
            RecordedRequest request = check.request();
            assertEquals(request.toString(), "GET", request.method());
            assertEquals(request.toString(), "/health", request.path());
            assertEquals(request.toString(), PROBE_HEADER_VALUE, request.header(PROBE_HEADER));
            assertEquals(request.toString(), AUTHORIZATION_VALUE, request.header("Authorization"));
            assertEquals(request.toString(), "http", request.header(UPSTREAM_HEADER));
            assertFalse("an http probe asked for a WebSocket upgrade: " + request,
                    "websocket".equalsIgnoreCase(request.header("Upgrade")));
        }
    }

    @Test
    public void websocketProbesUpgradeOnTheProbePathWithTheConfiguredHeaders() {
        gateway();
        awaitAcceptedProbe(d, "wstype");
        awaitAcceptedProbe(d, "wsprefix");
        for (TestUpstream.CheckRequest probe : d.probes()) {
            RecordedRequest request = probe.request();
            assertEquals(request.toString(), "/probe", request.path());
            assertTrue("not a WebSocket upgrade: " + request, "websocket".equalsIgnoreCase(request.header("Upgrade")));
            assertNotNull("no Sec-WebSocket-Key: " + request, request.header("Sec-WebSocket-Key"));
            assertEquals(request.toString(), PROBE_HEADER_VALUE, request.header(PROBE_HEADER));
        }
        assertEquals("probes counted as sessions", 0, d.requestCount());
    }

    @Test
    public void refusedWebSocketProbesTakeATargetOutOfRotationWhileItsOtherPathsStillUpgrade() {
        Gateway gateway = gateway();
        gateway.awaitHealthy(union(ids("wstype", d, e, f), ids("wsprefix", d, e, f)), HEALTH_WAIT);
        awaitAcceptedProbe(f, "wstype");
        awaitAcceptedProbe(f, "wsprefix");
        List<String> targets = List.of(Gateway.target("wstype", f.port()), Gateway.target("wsprefix", f.port()));

        f.probeAccepts(false);
        long refusingFrom = System.nanoTime();
        gateway.awaitUnhealthy("to contain " + targets, list -> list.containsAll(targets), HEALTH_WAIT);
        System.out.printf("active websocket (interval %s, threshold %d, timeout %s): /probe refused from t=0;"
                        + " marked unhealthy by both upstreams at %d ms%n", INTERVAL, THRESHOLD, TIMEOUT,
                millisBetween(refusingFrom, System.nanoTime()));

        int fBefore = f.requestCount();
        for (String path : List.of("/ws/wstype", "/ws/wsprefix")) {
            for (int i = 0; i < 6; i++) {
                closeSession(openOn(path, d, e, f));
            }
        }
        assertEquals("handshakes through the gateway that reached the unhealthy target", fBefore, f.requestCount());
        // Only the probe path refuses: a client of its own still gets upgraded on any other path.
        connect(TestClient.to(URI.create("ws://127.0.0.1:" + f.port() + "/direct"))).assertUpgraded();

        f.probeAccepts(true);
        gateway.awaitHealthy(targets, HEALTH_WAIT);
        int fHealthy = f.requestCount();
        for (int i = 0; i < 6; i++) {
            closeSession(openOn("/ws/wsprefix", d, e, f));
        }
        assertTrue("no handshake reached the target after it became healthy again", f.requestCount() > fHealthy);
    }

    @Test
    public void upstreamWithEveryTargetUnhealthyAnswers503NamingIt() {
        Gateway gateway = gateway();
        List<String> targets = List.of(
                Gateway.target("allbad", GatehouseOptions.intProperty(DEAD_PORTS[0])),
                Gateway.target("allbad", GatehouseOptions.intProperty(DEAD_PORTS[1])));
        gateway.awaitUnhealthy("to contain " + targets, list -> list.containsAll(targets), HEALTH_WAIT);

        HttpAnswer answer = connect(TestClient.to(ws("/ws/allbad"))).awaitAnswer();

        assertEquals(answer.toString(), 503, answer.status());
        assertTrue(answer.toString(), answer.body().startsWith("503 Service Unavailable"));
        assertTrue(answer.toString(), answer.body().contains("no healthy target of upstream \"allbad\""));
    }

    /**
     * Waits until {@code target} passed a health check. A target counts as healthy from the start, and the targets
     * of this class start after the gateway, so one may carry a failed check from before; a passed one resets the
     * count, and the next change of status then starts from a clean slate.
     */
    private static void awaitPassedCheck(TestUpstream target) {
        assertTrue("no health check of " + target + " passed within " + HEALTH_WAIT,
                target.awaitHealthChecksAnsweredAbove(200, 0, HEALTH_WAIT));
    }

    /** Like {@link #awaitPassedCheck}, for a probe of {@code upstream} on the WebSocket probe path. */
    private static void awaitAcceptedProbe(TestUpstream target, String upstream) {
        assertTrue("no probe of " + upstream + " upgraded on " + target + " within " + HEALTH_WAIT,
                target.awaitProbes(p -> p.status() == 101 && upstream.equals(p.request().header(UPSTREAM_HEADER)),
                        HEALTH_WAIT));
    }

    private static List<String> ids(String upstream, TestUpstream... targets) {
        return Arrays.stream(targets).map(t -> Gateway.target(upstream, t.port())).toList();
    }

    private static List<String> union(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
