package org.gatehouse.health.probes;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.gatehouse.sdk.balancer.Target;
import org.gatehouse.sdk.health.ProbeRequest;
import org.gatehouse.sdk.health.ProbeResult;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** The "websocket" probe against a real Netty WebSocket server on 127.0.0.1. */
public class WebSocketHealthProbeTest {

    /** For probes that should succeed: generous, so that a cold JVM does not fail them. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** For probes that must time out. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);
    private static final long BOUND_SECONDS = 10;

    private static WebSocketTestServer server;

    private WebSocketHealthProbe probe;

    @BeforeClass
    public static void startServer() throws Exception {
        server = new WebSocketTestServer();
        // Warm up the JDK client and the server, so that the short timeouts below measure the peer, not class loading.
        WebSocketHealthProbe warmUp = new WebSocketHealthProbe();
        warmUp.activate();
        try {
            warmUp.probe(request("/warm-up", Map.of())).toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
        } finally {
            warmUp.deactivate();
        }
    }

    @AfterClass
    public static void stopServer() {
        server.close();
    }

    @Before
    public void activate() {
        server.forgetConnections();
        probe = new WebSocketHealthProbe();
        probe.activate();
    }

    @After
    public void deactivate() {
        probe.deactivate();
    }

    @Test
    public void pongIsHealthy() throws Exception {
        ProbeResult result = probe("/ws", Map.of());

        assertTrue(result.detail(), result.healthy());
        assertTrue(result.detail(), result.detail().matches("pong in \\d+ ms"));
    }

    @Test
    public void closesWith1000AfterThePong() throws Exception {
        ProbeResult result = probe("/ws", Map.of());
        assertTrue(result.detail(), result.healthy());

        WebSocketTestServer.Connection connection = server.nextConnection("/ws");
        assertEquals(Integer.valueOf(1000), connection.closeCode.get(BOUND_SECONDS, TimeUnit.SECONDS));
        connection.closed.get(BOUND_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    public void sendsTheConfiguredHeadersAndSkipsTheRefusedOnes() throws Exception {
        Map<String, String> headers = Map.of("X-Probe", "gatehouse", "Authorization", "Bearer t",
                "Host", "elsewhere.example", "Connection", "close", "Sec-WebSocket-Key", "bogus");

        ProbeResult result = probe("/ws?deep=1", headers);
        assertTrue(result.detail(), result.healthy());

        WebSocketTestServer.Connection connection = server.nextConnection("/ws?deep=1");
        assertEquals("gatehouse", connection.headers.get("X-Probe"));
        assertEquals("Bearer t", connection.headers.get("Authorization"));
        assertEquals("127.0.0.1:" + server.port(), connection.headers.get("Host"));
        assertFalse("bogus".equals(connection.headers.get("Sec-WebSocket-Key")));
    }

    @Test
    public void offersTheConfiguredSubprotocols() throws Exception {
        ProbeResult result = probe("/ws", Map.of("Sec-WebSocket-Protocol", "v2.probe, v1.probe"));
        assertTrue(result.detail(), result.healthy());

        assertEquals("v2.probe, v1.probe", server.nextConnection("/ws").headers.get("Sec-WebSocket-Protocol"));
    }

    @Test
    public void refusedUpgradeIsUnhealthy() throws Exception {
        assertEquals(ProbeResult.unhealthy("handshake answered HTTP 503"),
                probe(WebSocketTestServer.REFUSE, Map.of()));
    }

    @Test
    public void silentPeerIsUnhealthyAfterTheTimeoutAndIsDisconnected() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<ProbeResult> stage = probe.probe(request(WebSocketTestServer.SILENT, Map.of(),
                SHORT_TIMEOUT)).toCompletableFuture();
        assertFalse("probe() must not wait for the pong", stage.isDone());

        ProbeResult result = stage.get(BOUND_SECONDS, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(ProbeResult.unhealthy("no pong within 500 ms"), result);
        assertTrue("took " + millis + " ms", millis >= 450 && millis < 3000);
        WebSocketTestServer.Connection connection = server.nextConnection(WebSocketTestServer.SILENT);
        assertTrue(connection.pingSwallowed.isDone());
        connection.closed.get(BOUND_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    public void closedPortIsUnhealthy() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ProbeResult result = probe.probe(new ProbeRequest(new Target("127.0.0.1", port, 1), false, "/ws", Map.of(),
                TIMEOUT)).toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);

        assertFalse(result.healthy());
        assertThat(result.detail(), containsString("connect failed"));
    }

    @Test
    public void stoppingTheComponentEndsRunningProbesAndTheirConnections() throws Exception {
        CompletableFuture<ProbeResult> stage = probe.probe(request(WebSocketTestServer.SILENT, Map.of()))
                .toCompletableFuture();
        WebSocketTestServer.Connection connection = server.nextConnection(WebSocketTestServer.SILENT);
        connection.pingSwallowed.get(BOUND_SECONDS, TimeUnit.SECONDS);

        probe.deactivate();

        assertEquals(ProbeResult.unhealthy("probe stopped"), stage.getNow(null));
        connection.closed.get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertEquals(ProbeResult.unhealthy("probe is not active"),
                probe.probe(request("/ws", Map.of())).toCompletableFuture().getNow(null));
    }

    @Test
    public void handshakeCompletingAfterTheComponentStoppedIsAborted() throws Exception {
        CompletableFuture<ProbeResult> stage = probe.probe(request(WebSocketTestServer.HOLD, Map.of()))
                .toCompletableFuture();
        WebSocketTestServer.Connection connection = server.nextConnection(WebSocketTestServer.HOLD);

        probe.deactivate();
        assertEquals(ProbeResult.unhealthy("probe stopped"), stage.getNow(null));
        connection.releaseUpgrade();

        connection.closed.get(BOUND_SECONDS, TimeUnit.SECONDS);
    }

    private ProbeResult probe(String path, Map<String, String> headers) throws Exception {
        return probe.probe(request(path, headers)).toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
    }

    private static ProbeRequest request(String path, Map<String, String> headers) {
        return request(path, headers, TIMEOUT);
    }

    private static ProbeRequest request(String path, Map<String, String> headers, Duration timeout) {
        return new ProbeRequest(new Target("127.0.0.1", server.port(), 1), false, path, headers, timeout);
    }
}
