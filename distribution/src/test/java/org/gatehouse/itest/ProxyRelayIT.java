package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.time.Duration;
import java.util.Arrays;
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
 * A session relays what each side sends, as sent: message types, big messages, fragments, the subprotocol, the
 * handshake's headers and the close codes (CONTRACTS.md: forwarding to the upstream, after the upgrade).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProxyRelayIT extends GatewayTestBase {

    private static final String UPSTREAM_PORT = "itest.relay.upstream.port";
    private static final String TARGET_PATH = "/target/path";
    private static final Duration BIG = Duration.ofSeconds(60);

    private TestUpstream upstream;

    @Configuration
    public Option[] config() {
        int port = GatehouseOptions.freePort();
        String yaml = new GatewayYaml()
                .upstream(new GatewayYaml.UpstreamYaml("relay").target(port, TARGET_PATH))
                .route("/ws/relay", "relay")
                .render();
        return GatehouseOptions.gateway(getClass(), yaml, GatehouseOptions.property(UPSTREAM_PORT, port));
    }

    @Before
    public void startUpstream() {
        upstream = startUpstream(TestUpstream.builder()
                .port(GatehouseOptions.intProperty(UPSTREAM_PORT))
                .subprotocols("b"));
    }

    @Test
    public void textAndBinaryMessagesRoundTripWithTheirType() {
        TestClient client = open("/ws/relay");
        TestUpstream.UpstreamConnection leg = upstream.nextConnection(WAIT);

        client.sendText("hello, upstream");
        assertEquals(List.of(Frame.text("hello, upstream", true)), leg.nextMessage(WAIT).frames());
        assertEquals(List.of(Frame.text("hello, upstream", true)), client.nextMessage(WAIT).frames());

        byte[] bytes = {0, 1, 2, (byte) 0x80, (byte) 0xff, 13, 10};
        assertBinaryRoundTrip(client, leg, bytes, WAIT);
    }

    @Test
    public void tenMebibyteBinaryMessageArrivesIntact() {
        TestClient client = open("/ws/relay");
        TestUpstream.UpstreamConnection leg = upstream.nextConnection(WAIT);
        byte[] big = Payloads.pseudoRandom(10 * 1024 * 1024, 20_24);

        client.sendBinary(big);

        Message atUpstream = leg.nextMessage(BIG);
        assertEquals(Frame.Kind.BINARY, atUpstream.kind());
        Payloads.assertSameBytes("at the upstream", big, atUpstream.data());
        Message back = client.nextMessage(BIG);
        assertEquals(Frame.Kind.BINARY, back.kind());
        Payloads.assertSameBytes("back at the client", big, back.data());
    }

    @Test
    public void fragmentedTextMessageKeepsItsThreeFragments() {
        TestClient client = open("/ws/relay");
        TestUpstream.UpstreamConnection leg = upstream.nextConnection(WAIT);

        client.sendTextFragments("Hel", "lo, ", "world");

        List<Frame> fragments = List.of(Frame.text("Hel", false), Frame.continuation("lo, ", false),
                Frame.continuation("world", true));
        assertEquals("at the upstream", fragments, leg.nextMessage(WAIT).frames());
        Message back = client.nextMessage(WAIT);
        assertEquals("back at the client", fragments, back.frames());
        assertEquals("Hello, world", back.text());
    }

    @Test
    public void clientSeesTheSubprotocolTheUpstreamChose() {
        TestClient offering = connect(TestClient.to(ws("/ws/relay")).subprotocols("a", "b")).assertUpgraded();
        assertEquals("b", offering.subprotocol());
        String offers = upstream.nextConnection(WAIT).request().header("Sec-WebSocket-Protocol");
        assertNotNull("the client's offers reach the upstream", offers);
        assertEquals(List.of("a", "b"), tokens(offers));

        TestClient notOffering = open("/ws/relay");
        assertNull("no offer, so no subprotocol", notOffering.subprotocol());
        assertNull(upstream.nextConnection(WAIT).request().header("Sec-WebSocket-Protocol"));
    }

    @Test
    public void endToEndHeadersAndQueryReachTheUpstreamButHopByHopHeadersDoNot() {
        TestClient client = connect(TestClient.to(ws("/ws/relay/deeper?x=1&y=two%20words"))
                .header("Host", "front.example:8443")
                .header("Origin", "https://app.example")
                .header("Cookie", "session=abc; theme=dark")
                .header("Authorization", "Bearer t0k3n")
                .header("User-Agent", "gatehouse-itest/1.0")
                .header("X-Custom", "42")
                .header("X-Forwarded-For", "203.0.113.7")
                .header("Keep-Alive", "timeout=5")
                .header("X-Hop", "drop-me")
                .header("Proxy-Authorization", "Basic c2VjcmV0")
                .connectionHeader("Upgrade, X-Hop")).assertUpgraded();

        RecordedRequest request = upstream.nextConnection(WAIT).request();
        assertEquals("the target's path replaces the client's", TARGET_PATH, request.path());
        assertEquals("query string as sent", "x=1&y=two%20words", request.query());

        assertEquals("https://app.example", request.header("Origin"));
        assertEquals("session=abc; theme=dark", request.header("Cookie"));
        assertEquals("Bearer t0k3n", request.header("Authorization"));
        assertEquals("gatehouse-itest/1.0", request.header("User-Agent"));
        assertEquals("42", request.header("X-Custom"));

        assertNull("Keep-Alive is hop-by-hop", request.header("Keep-Alive"));
        assertNull("X-Hop is named in Connection", request.header("X-Hop"));
        assertNull("Proxy-Authorization is hop-by-hop", request.header("Proxy-Authorization"));
        String connection = String.valueOf(request.header("Connection")).toLowerCase();
        assertFalse("Connection sent upstream: " + connection, connection.contains("x-hop"));
        assertNotEquals("each leg has its own Sec-WebSocket-Key", client.requestKey(),
                request.header("Sec-WebSocket-Key"));

        assertEquals("Host is the target's", "127.0.0.1:" + upstream.port(), request.header("Host"));
        assertEquals("client IP appended", List.of("203.0.113.7", "127.0.0.1"),
                tokens(String.join(",", request.headers().getAll("X-Forwarded-For"))));
        assertEquals("http", request.header("X-Forwarded-Proto"));
        assertEquals("the client's Host", "front.example:8443", request.header("X-Forwarded-Host"));
    }

    @Test
    public void clientCloseCodeAndReasonReachTheUpstream() {
        TestClient client = open("/ws/relay");
        TestUpstream.UpstreamConnection leg = upstream.nextConnection(WAIT);
        client.sendText("first");
        assertEquals("first", client.nextMessage(WAIT).text());

        client.sendClose(4001, "bye");

        assertEquals(new CloseStatus(4001, "bye"), leg.awaitCloseFrame(WAIT));
        client.awaitCloseFrame(WAIT);
        client.awaitDisconnected(WAIT);
        leg.awaitDisconnected(WAIT);
    }

    @Test
    public void upstreamCloseCodeAndReasonReachTheClient() {
        TestClient client = open("/ws/relay");
        TestUpstream.UpstreamConnection leg = upstream.nextConnection(WAIT);

        client.sendText("close:4002:done");

        assertEquals(new CloseStatus(4002, "done"), client.awaitCloseFrame(WAIT));
        client.awaitDisconnected(WAIT);
        leg.awaitDisconnected(WAIT);
    }

    /** The comma-separated tokens of a header value, trimmed. */
    private static List<String> tokens(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
