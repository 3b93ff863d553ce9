package org.gatehouse.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.rules.TestRule;
import org.junit.rules.Timeout;

/**
 * Proves the support code on its own, outside OSGi and without the gateway: {@link TestClient} talking straight to
 * {@link TestUpstream}. When an integration test fails, this tells whether the test tools can be trusted.
 */
public class ClientAndUpstreamWithoutGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration SHORT = Duration.ofMillis(300);

    @Rule
    public final TestRule rules = RuleChain.outerRule(new LeakCheck()).around(Timeout.seconds(60));

    private final List<AutoCloseable> resources = new ArrayList<>();

    @After
    public void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private TestUpstream start(TestUpstream.Builder builder) {
        TestUpstream upstream = builder.start();
        resources.add(upstream);
        return upstream;
    }

    private TestClient connect(TestClient.Builder builder) {
        TestClient client = builder.open();
        resources.add(client);
        client.awaitAnswer();
        return client;
    }

    private static URI uri(TestUpstream upstream, String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + upstream.port() + pathAndQuery);
    }

    @Test
    public void textAndBinaryAreEchoedWithTheirType() {
        TestUpstream upstream = start(TestUpstream.builder());
        TestClient client = connect(TestClient.to(uri(upstream, "/echo"))).assertUpgraded();
        assertTrue(upstream.nextConnection(WAIT).isOpen());

        client.sendText("hello");
        Message text = client.nextMessage(WAIT);
        assertEquals(Frame.Kind.TEXT, text.kind());
        assertEquals("hello", text.text());

        byte[] bytes = {0, 1, 2, (byte) 0xff, 42};
        client.sendBinary(bytes);
        Message binary = client.nextMessage(WAIT);
        assertEquals(Frame.Kind.BINARY, binary.kind());
        assertArrayEquals(bytes, binary.data());
    }

    @Test
    public void fragmentsStayFragmentsBothWays() {
        TestUpstream upstream = start(TestUpstream.builder());
        TestClient client = connect(TestClient.to(uri(upstream, "/echo"))).assertUpgraded();
        TestUpstream.UpstreamConnection leg = upstream.nextConnection(WAIT);

        client.sendTextFragments("Hel", "lo, ", "world");

        List<Frame> expected = List.of(Frame.text("Hel", false), Frame.continuation("lo, ", false),
                Frame.continuation("world", true));
        assertEquals(expected, leg.nextMessage(WAIT).frames());
        Message echoed = client.nextMessage(WAIT);
        assertEquals(expected, echoed.frames());
        assertEquals("Hello, world", echoed.text());
    }

    @Test
    public void upstreamPicksTheFirstOfferedSubprotocolItSupports() {
        TestUpstream upstream = start(TestUpstream.builder().subprotocols("b"));
        TestClient client = connect(TestClient.to(uri(upstream, "/")).subprotocols("a", "b")).assertUpgraded();
        assertEquals("b", client.subprotocol());
        assertEquals("a,b", upstream.nextConnection(WAIT).request().header("Sec-WebSocket-Protocol"));

        TestClient none = connect(TestClient.to(uri(upstream, "/"))).assertUpgraded();
        assertNull(none.subprotocol());
    }

    @Test
    public void upgradeRequestIsRecordedWithHeadersAndQuery() {
        TestUpstream upstream = start(TestUpstream.builder());
        TestClient client = connect(TestClient.to(uri(upstream, "/some/path?x=1&y=two"))
                .header("Host", "front.example:1234")
                .header("Cookie", "session=abc")
                .header("X-Hop", "drop-me")
                .connectionHeader("Upgrade, X-Hop")).assertUpgraded();

        RecordedRequest request = upstream.nextConnection(WAIT).request();
        assertEquals("GET", request.method());
        assertEquals("/some/path", request.path());
        assertEquals("x=1&y=two", request.query());
        assertEquals("front.example:1234", request.header("Host"));
        assertEquals("session=abc", request.header("Cookie"));
        assertEquals("Upgrade, X-Hop", request.header("Connection"));
        assertEquals(client.requestKey(), request.header("Sec-WebSocket-Key"));
        assertEquals(1, upstream.requestCount());
    }

    @Test
    public void deflateIsNegotiatedOnlyWhenOfferedAndAccepted() {
        TestUpstream deflating = start(TestUpstream.builder().acceptDeflate(true));
        TestClient offering = connect(TestClient.to(uri(deflating, "/")).offerDeflate()).assertUpgraded();
        assertTrue(offering.extensions(), offering.extensions().contains("permessage-deflate"));
        TestUpstream.UpstreamConnection leg = deflating.nextConnection(WAIT);
        assertTrue(leg.negotiatedExtensions().contains("permessage-deflate"));
        byte[] compressible = Payloads.compressible(1024 * 1024);
        offering.sendBinary(compressible);
        Payloads.assertSameBytes(compressible, leg.nextMessage(WAIT).data());
        Payloads.assertSameBytes(compressible, offering.nextMessage(WAIT).data());

        TestClient silentOnDeflate = connect(TestClient.to(uri(deflating, "/"))).assertUpgraded();
        assertEquals("", silentOnDeflate.extensions());
        assertEquals("", deflating.nextConnection(WAIT).negotiatedExtensions());

        TestUpstream plain = start(TestUpstream.builder());
        TestClient refused = connect(TestClient.to(uri(plain, "/")).offerDeflate()).assertUpgraded();
        assertEquals("", refused.extensions());
        TestUpstream.UpstreamConnection plainLeg = plain.nextConnection(WAIT);
        assertTrue(plainLeg.request().header("Sec-WebSocket-Extensions").contains("permessage-deflate"));
        assertEquals("", plainLeg.negotiatedExtensions());
        refused.sendText("still fine");
        assertEquals("still fine", refused.nextMessage(WAIT).text());
    }

    @Test
    public void rejectionExposesStatusHeadersAndBody() {
        TestUpstream upstream = start(TestUpstream.builder().reject(403, "denied by upstream\n"));
        TestClient client = connect(TestClient.to(uri(upstream, "/")));
        HttpAnswer answer = client.awaitAnswer();
        assertEquals(403, answer.status());
        assertEquals("denied by upstream\n", answer.body());
        assertTrue(answer.header("Content-Type").startsWith("text/plain"));
        client.awaitDisconnected(WAIT);
        assertEquals(1, upstream.requestCount());
    }

    @Test
    public void unansweredUpgradeLeavesTheClientWaiting() {
        TestUpstream upstream = start(TestUpstream.builder().neverAnswerUpgrade());
        TestClient client = TestClient.to(uri(upstream, "/")).open();
        resources.add(client);
        upstream.nextConnection(WAIT);
        assertFalse(client.answer().isDone());
        assertNull("no frame expected", client.pollFrame(SHORT));
        assertFalse("answered after all: " + client.answer(), client.answer().isDone());
    }

    @Test
    public void plainGetIsAnsweredWithoutUpgrade() {
        TestUpstream upstream = start(TestUpstream.builder());
        HttpAnswer answer = TestClient.get(URI.create("http://127.0.0.1:" + upstream.port() + "/x?q=1"),
                Map.of("X-Test", "1"));
        assertEquals(400, answer.status());
        assertEquals("not a websocket upgrade", answer.body().strip());
        RecordedRequest request = upstream.nextConnection(WAIT).request();
        assertEquals("/x?q=1", request.uri());
        assertEquals("1", request.header("X-Test"));
    }

    @Test
    public void vanishEndsTcpWithoutCloseFrame() {
        TestUpstream upstream = start(TestUpstream.builder());
        TestClient client = connect(TestClient.to(uri(upstream, "/"))).assertUpgraded();
        client.sendText("vanish");
        client.awaitDisconnected(WAIT);
        assertFalse("close frame received: " + client.closeReceived(), client.closeReceived().isDone());
    }

    @Test
    public void closeCommandSendsThatCloseFrame() {
        TestUpstream upstream = start(TestUpstream.builder());
        TestClient client = connect(TestClient.to(uri(upstream, "/"))).assertUpgraded();
        TestUpstream.UpstreamConnection leg = upstream.nextConnection(WAIT);
        client.sendText("close:4002:done");
        assertEquals(new CloseStatus(4002, "done"), client.awaitCloseFrame(WAIT));
        assertEquals("client answers with the same status", new CloseStatus(4002, "done"), leg.awaitCloseFrame(WAIT));
        client.awaitDisconnected(WAIT);
    }

    @Test
    public void clientCloseIsRecordedAndAnswered() {
        TestUpstream upstream = start(TestUpstream.builder());
        TestClient client = connect(TestClient.to(uri(upstream, "/"))).assertUpgraded();
        TestUpstream.UpstreamConnection leg = upstream.nextConnection(WAIT);
        client.sendClose(4001, "bye");
        assertEquals(new CloseStatus(4001, "bye"), leg.awaitCloseFrame(WAIT));
        assertEquals(new CloseStatus(4001, "bye"), client.awaitCloseFrame(WAIT));
        leg.awaitDisconnected(WAIT);
    }

    @Test
    public void pingsAreAnsweredUntilTheUpstreamIsSilent() {
        TestUpstream upstream = start(TestUpstream.builder());
        TestClient client = connect(TestClient.to(uri(upstream, "/"))).assertUpgraded();
        TestUpstream.UpstreamConnection leg = upstream.nextConnection(WAIT);

        client.ping("p1");
        assertEquals("p1", new String(client.nextPong(WAIT), StandardCharsets.UTF_8));
        assertEquals("p1", new String(leg.nextPing(WAIT), StandardCharsets.UTF_8));

        upstream.silent(true);
        client.ping("p2");
        client.sendText("unanswered");
        assertEquals("recorded while silent", "unanswered", leg.nextMessage(WAIT).text());
        assertNull("pong while silent", client.pollPong(SHORT));
        assertNull("echo while silent", client.pollFrame(SHORT));
    }

    @Test
    public void clientAnswersPingsOnlyWithAutoPong() {
        TestUpstream upstream = start(TestUpstream.builder());
        TestClient answering = connect(TestClient.to(uri(upstream, "/"))).assertUpgraded();
        TestUpstream.UpstreamConnection answeringLeg = upstream.nextConnection(WAIT);
        answeringLeg.ping("hello");
        assertEquals("hello", new String(answering.nextPing(WAIT), StandardCharsets.UTF_8));
        assertEquals("hello", new String(answeringLeg.nextPong(WAIT), StandardCharsets.UTF_8));

        TestClient mute = connect(TestClient.to(uri(upstream, "/")).autoPong(false)).assertUpgraded();
        TestUpstream.UpstreamConnection muteLeg = upstream.nextConnection(WAIT);
        muteLeg.ping("anyone?");
        assertEquals("anyone?", new String(mute.nextPing(WAIT), StandardCharsets.UTF_8));
        mute.sendText("after the ping");
        assertEquals("after the ping", muteLeg.nextMessage(WAIT).text());
        assertNull("pong from a client without autoPong", muteLeg.pollPong(Duration.ZERO));
    }

    @Test
    public void abruptClientDisconnectIsSeenWithoutCloseFrame() {
        TestUpstream upstream = start(TestUpstream.builder());
        TestClient client = connect(TestClient.to(uri(upstream, "/"))).assertUpgraded();
        TestUpstream.UpstreamConnection leg = upstream.nextConnection(WAIT);
        client.disconnect();
        leg.awaitDisconnected(WAIT);
        assertFalse(leg.closeReceived().isDone());
        assertTrue(upstream.awaitAllDisconnected(WAIT));
    }

    @Test
    public void healthEndpointAnswersTheStatusSetAtRunTimeAndIsNoUpgrade() {
        TestUpstream upstream = start(TestUpstream.builder().healthPath("/health"));
        URI health = URI.create("http://127.0.0.1:" + upstream.port() + "/health");

        assertEquals(200, TestClient.get(health, Map.of("X-Probe", "p1")).status());
        upstream.healthStatus(500);
        assertEquals(500, TestClient.get(health, Map.of()).status());
        upstream.healthStatus(200);
        assertEquals(200, TestClient.get(health, Map.of()).status());

        List<TestUpstream.CheckRequest> checks = upstream.healthChecks();
        assertEquals(List.of(200, 500, 200), checks.stream().map(TestUpstream.CheckRequest::status).toList());
        assertEquals("p1", checks.get(0).request().header("X-Probe"));
        assertEquals(2, upstream.healthChecksAnswered(200));
        assertTrue(upstream.awaitHealthChecksAbove(2, Duration.ZERO));
        assertFalse(upstream.awaitHealthChecksAbove(3, SHORT));
        assertEquals("health checks are not upgrades", 0, upstream.requestCount());
        assertEquals(3, upstream.acceptedConnections());
    }

    @Test
    public void probePathUpgradesAndAnswersPingsOrRefusesAndIsNoSession() {
        TestUpstream upstream = start(TestUpstream.builder().probePath("/probe"));

        TestClient accepted = connect(TestClient.to(uri(upstream, "/probe")).header("X-Probe", "p2"))
                .assertUpgraded();
        accepted.ping("are you there");
        assertEquals("are you there", new String(accepted.nextPong(WAIT), StandardCharsets.UTF_8));
        upstream.probeAccepts(false);
        assertEquals(503, connect(TestClient.to(uri(upstream, "/probe"))).status());
        assertEquals("other paths still upgrade", 101, connect(TestClient.to(uri(upstream, "/other"))).status());

        List<TestUpstream.CheckRequest> probes = upstream.probes();
        assertEquals(List.of(101, 503), probes.stream().map(TestUpstream.CheckRequest::status).toList());
        assertEquals("p2", probes.get(0).request().header("X-Probe"));
        assertEquals("websocket", probes.get(0).request().header("Upgrade"));
        assertEquals("only /other counts as an upgrade", 1, upstream.requestCount());
    }

    @Test
    public void upgradeStatusRefusesUpgradesWhileThePortStaysOpen() {
        TestUpstream upstream = start(TestUpstream.builder());

        upstream.upgradeStatus(500);
        HttpAnswer refused = connect(TestClient.to(uri(upstream, "/"))).awaitAnswer();
        assertEquals(500, refused.status());
        upstream.upgradeStatus(0);
        connect(TestClient.to(uri(upstream, "/"))).assertUpgraded();

        assertEquals(2, upstream.requestCount());
        assertTrue(upstream.awaitRequestsAbove(1, Duration.ZERO));
        assertFalse(upstream.awaitRequestsAbove(2, SHORT));
    }

    @Test
    public void aNewServerCanTakeTheSamePortAfterClose() {
        TestUpstream first = start(TestUpstream.builder());
        connect(TestClient.to(uri(first, "/"))).assertUpgraded();
        int port = first.port();
        first.close();
        assertEquals("port still known after close", port, first.port());

        TestUpstream second = start(TestUpstream.builder().port(port));
        assertEquals(0, second.acceptedConnections());
        connect(TestClient.to(uri(second, "/"))).assertUpgraded();
        assertEquals(1, second.acceptedConnections());
        assertEquals(1, second.requestCount());
    }
}
