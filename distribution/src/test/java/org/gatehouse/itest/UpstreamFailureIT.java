package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A leg that goes away or goes quiet ends the session with the right close code on the other leg, and the
 * gateway's keepalive pings each leg (CONTRACTS.md, after the upgrade).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UpstreamFailureIT extends GatewayTestBase {

    private static final String UPSTREAM_PORT = "itest.failure.upstream.port";
    private static final Duration PING_PERIOD = Duration.ofMillis(200);
    private static final Duration PONG_WAIT = Duration.ofSeconds(1);
    /** pong_wait, plus a ping period of lateness, plus scheduling slack on a busy 2-core machine. */
    private static final Duration QUIET_CLOSE_LIMIT = PONG_WAIT.plus(PING_PERIOD).plusSeconds(2);

    private TestUpstream upstream;

    @Configuration
    public Option[] config() {
        int port = GatehouseOptions.freePort();
        String yaml = new GatewayYaml()
                .upstream(new GatewayYaml.UpstreamYaml("main").target(port)
                        .set("ping_period", PING_PERIOD.toMillis() + "ms")
                        .set("pong_wait", PONG_WAIT.toMillis() + "ms"))
                .route("/ws/main", "main")
                .render();
        return GatehouseOptions.gateway(getClass(), yaml, GatehouseOptions.property(UPSTREAM_PORT, port));
    }

    @Before
    public void startUpstream() {
        upstream = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(UPSTREAM_PORT)));
    }

    @Test
    public void upstreamVanishingClosesTheClientWith1011() {
        TestClient client = open("/ws/main");
        TestUpstream.UpstreamConnection leg = upstream.nextConnection(WAIT);

        client.sendText("vanish");

        leg.awaitDisconnected(WAIT);
        CloseStatus status = client.awaitCloseFrame(WAIT);
        assertEquals(status.toString(), 1011, status.code());
        client.awaitDisconnected(WAIT);
    }

    @Test
    public void clientReceivesPingsAndAnsweringKeepsTheSessionAlivePastPongWait() {
        TestClient client = open("/ws/main");
        long start = System.nanoTime();
        // At 200 ms apart, 8 pings span 1.4 s or more: longer than pong_wait, with the client sending only pongs.
        for (int i = 0; i < 8; i++) {
            assertNotNull(client.nextPing(PONG_WAIT));
        }
        Duration span = Duration.ofNanos(System.nanoTime() - start);
        assertTrue("8 pings came within " + span + ", faster than ping_period", span.compareTo(PONG_WAIT) > 0);

        client.sendText("still here");
        assertEquals("still here", client.nextMessage(WAIT).text());
        assertTrue(client.isOpen());
    }

    @Test
    public void quietClientIsClosedAfterPongWaitAndUpstreamGets1001() {
        TestClient client = connect(TestClient.to(ws("/ws/main")).autoPong(false)).assertUpgraded();
        long start = System.nanoTime();
        TestUpstream.UpstreamConnection leg = upstream.nextConnection(WAIT);

        client.awaitDisconnected(QUIET_CLOSE_LIMIT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue("closed after " + took + ", before pong_wait " + PONG_WAIT,
                took.compareTo(PONG_WAIT.minusMillis(100)) >= 0);
        assertFalse("the client did get pings to answer", client.drainPings().isEmpty());
        CloseStatus upstreamSaw = leg.awaitCloseFrame(WAIT);
        assertEquals(upstreamSaw.toString(), 1001, upstreamSaw.code());
    }

    @Test
    public void quietUpstreamIsClosedAfterPongWaitAndClientGets1011() {
        TestClient client = open("/ws/main");
        TestUpstream.UpstreamConnection leg = upstream.nextConnection(WAIT);
        upstream.silent(true);
        long start = System.nanoTime();

        CloseStatus status = client.awaitCloseFrame(QUIET_CLOSE_LIMIT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(status.toString(), 1011, status.code());
        assertTrue("closed after " + took, took.compareTo(PONG_WAIT.minusMillis(100)) >= 0);
        assertNotNull("the gateway pinged the upstream", leg.nextPing(WAIT));
        leg.awaitDisconnected(WAIT);
    }

    @Test
    public void clientPingIsAnsweredByTheGatewayAndNotForwarded() {
        TestClient client = open("/ws/main");
        TestUpstream.UpstreamConnection leg = upstream.nextConnection(WAIT);

        client.ping("client-ping-7");
        assertEquals("client-ping-7", new String(client.nextPong(WAIT), StandardCharsets.UTF_8));

        // Frames keep their order on a leg: had the ping been forwarded, it would reach the upstream before this.
        client.sendText("after the ping");
        assertEquals("after the ping", leg.nextMessage(WAIT).text());
        assertFalse("the client's ping reached the upstream", leg.drainPings().contains("client-ping-7"));
    }
}
