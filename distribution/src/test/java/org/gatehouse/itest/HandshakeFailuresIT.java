package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * What a client gets when its handshake cannot become a session (CONTRACTS.md, handshake answers): the status, and
 * a one-line text/plain body {@code <code> <reason phrase>: <detail>} (no detail when error details are off).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HandshakeFailuresIT extends GatewayTestBase {

    private static final String OK_PORT = "itest.handshake.ok.port";
    private static final String REJECTING_PORT = "itest.handshake.rejecting.port";
    private static final String SILENT_PORT = "itest.handshake.silent.port";
    private static final String REJECTION_BODY = "denied by upstream: no ticket\n";
    private static final int MAX_CONNECTIONS = 2;
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);

    private TestUpstream ok;
    private TestUpstream rejecting;
    private TestUpstream silent;

    @Configuration
    public Option[] config() {
        int okPort = GatehouseOptions.freePort();
        int rejectingPort = GatehouseOptions.freePort();
        int silentPort = GatehouseOptions.freePort();
        int deadPort = GatehouseOptions.freePort();
        String yaml = new GatewayYaml()
                .maxConnections(MAX_CONNECTIONS)
                .upstream(new GatewayYaml.UpstreamYaml("ok").target(okPort))
                .upstream(new GatewayYaml.UpstreamYaml("rejecting").target(rejectingPort))
                .upstream(new GatewayYaml.UpstreamYaml("silent").target(silentPort)
                        .set("handshake_timeout", HANDSHAKE_TIMEOUT.toMillis() + "ms"))
                .upstream(new GatewayYaml.UpstreamYaml("dead").target(deadPort))
                .upstream(new GatewayYaml.UpstreamYaml("failover").target(deadPort).target(okPort))
                .upstream(new GatewayYaml.UpstreamYaml("generic").target(deadPort)
                        .set("return_error_details", false))
                .route("/ws/ok", "ok")
                .route("/ws/rejecting", "rejecting")
                .route("/ws/silent", "silent")
                .route("/ws/dead", "dead")
                .route("/ws/failover", "failover")
                .route("/ws/generic", "generic")
                .render();
        return GatehouseOptions.gateway(getClass(), yaml,
                GatehouseOptions.property(OK_PORT, okPort),
                GatehouseOptions.property(REJECTING_PORT, rejectingPort),
                GatehouseOptions.property(SILENT_PORT, silentPort));
    }

    @Before
    public void startUpstreams() {
        ok = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(OK_PORT)));
        rejecting = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(REJECTING_PORT))
                .reject(403, REJECTION_BODY));
        silent = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(SILENT_PORT))
                .neverAnswerUpgrade());
    }

    @Test
    public void pathWithoutRouteGets404() {
        for (String path : new String[] {"/ws/nowhere", "/ws/okay", "/elsewhere"}) {
            HttpAnswer answer = refused(path);
            assertEquals(path + ": " + answer, 404, answer.status());
            assertOneLineBody(path, answer, "404 Not Found");
        }
        assertEquals("nothing reached the upstream", 0, ok.requestCount());
    }

    @Test
    public void routeMatchesAtPathSegmentBoundary() {
        open("/ws/ok/deeper");
        assertEquals("/ws/ok/deeper", ok.nextConnection(WAIT).request().path());
    }

    @Test
    public void plainGetOnRouteGets426WithUpgradeHeader() {
        HttpAnswer answer = TestClient.get(gateway().http("/ws/ok"), Map.of());
        assertEquals(answer.toString(), 426, answer.status());
        assertEquals("websocket", String.valueOf(answer.header("Upgrade")).toLowerCase());
        assertOneLineBody("/ws/ok", answer, "426 Upgrade Required");
        assertEquals("nothing reached the upstream", 0, ok.requestCount());
    }

    @Test
    public void upstreamRefusalIsRelayedWithStatusAndBody() {
        HttpAnswer answer = refused("/ws/rejecting");
        assertEquals(answer.toString(), 403, answer.status());
        assertEquals(REJECTION_BODY, answer.body());
        assertEquals(1, rejecting.requestCount());
    }

    @Test
    public void deadTargetGets502WithDetail() {
        HttpAnswer answer = refused("/ws/dead");
        assertEquals(answer.toString(), 502, answer.status());
        assertOneLineBody("/ws/dead", answer, "502 Bad Gateway");
        assertTrue("a detail follows the reason: " + answer, answer.body().startsWith("502 Bad Gateway: ")
                && answer.body().strip().length() > "502 Bad Gateway: ".length());
    }

    @Test
    public void deadFirstTargetFailsOverToTheSecond() {
        // Round-robin puts the dead target first for one of any two handshakes in a row; both must succeed.
        for (int i = 0; i < 2; i++) {
            TestClient client = open("/ws/failover");
            client.sendText("via failover " + i);
            assertEquals("via failover " + i, client.nextMessage(WAIT).text());
            client.sendClose(1000, "");
            client.awaitDisconnected(WAIT);
        }
        assertEquals("both sessions on the live target", 2, ok.requestCount());
    }

    @Test
    public void unansweredUpstreamUpgradeGets502WithinHandshakeTimeout() {
        long start = System.nanoTime();
        HttpAnswer answer = refused("/ws/silent");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(answer.toString(), 502, answer.status());
        assertOneLineBody("/ws/silent", answer, "502 Bad Gateway");
        assertEquals("the gateway did dial the upstream", 1, silent.requestCount());
        assertTrue("answered after " + took + ", handshake_timeout is " + HANDSHAKE_TIMEOUT,
                took.compareTo(HANDSHAKE_TIMEOUT.minusMillis(200)) >= 0
                        && took.compareTo(HANDSHAKE_TIMEOUT.plusSeconds(2)) <= 0);
    }

    @Test
    public void connectionBeyondMaxConnectionsGets503UntilOneCloses() {
        // One after the other, so the first leg to reach the upstream is the first client's.
        TestClient first = open("/ws/ok");
        TestUpstream.UpstreamConnection firstLeg = ok.nextConnection(WAIT);
        open("/ws/ok");
        ok.nextConnection(WAIT);

        HttpAnswer third = refused("/ws/ok");
        assertEquals(third.toString(), 503, third.status());
        assertOneLineBody("/ws/ok", third, "503 Service Unavailable");
        assertTrue(third.body(), third.body().contains("max_connections (" + MAX_CONNECTIONS + ") reached"));
        assertEquals("the refused handshake never reached the upstream", 2, ok.requestCount());

        first.sendClose(1000, "making room");
        first.awaitDisconnected(WAIT);
        firstLeg.awaitDisconnected(WAIT);
        TestClient next = awaitUpgrade("/ws/ok", WAIT);
        next.sendText("room again");
        assertEquals("room again", next.nextMessage(WAIT).text());
    }

    @Test
    public void withoutErrorDetailsThe502BodyIsGeneric() {
        HttpAnswer answer = refused("/ws/generic");
        assertEquals(answer.toString(), 502, answer.status());
        assertEquals("502 Bad Gateway", answer.body().strip());
    }

    /** A handshake that must be refused: returns the answer. */
    private HttpAnswer refused(String path) {
        TestClient client = connect(TestClient.to(ws(path)));
        HttpAnswer answer = client.awaitAnswer();
        assertTrue(path + " was upgraded", answer.status() != 101);
        return answer;
    }

    /**
     * Handshakes until one is upgraded, at most {@code timeout} in all: the gateway frees a session's slot when it
     * has torn the session down, which the client cannot observe exactly. Each attempt is itself bounded.
     */
    private TestClient awaitUpgrade(String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpAnswer last;
        do {
            TestClient client = connect(TestClient.to(ws(path)));
            last = client.awaitAnswer();
            if (last.status() == 101) {
                return client;
            }
            client.awaitDisconnected(WAIT);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no upgrade of " + path + " within " + timeout + "; last answer " + last);
    }

    private static void assertOneLineBody(String path, HttpAnswer answer, String statusLine) {
        String body = answer.body();
        assertTrue(path + ": body " + answer, body.startsWith(statusLine));
        assertEquals(path + ": one line: " + answer, -1, body.strip().indexOf('\n'));
        assertTrue(path + ": content type " + answer,
                String.valueOf(answer.header("Content-Type")).startsWith("text/plain"));
    }
}
