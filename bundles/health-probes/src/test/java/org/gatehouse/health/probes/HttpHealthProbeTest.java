package org.gatehouse.health.probes;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.gatehouse.sdk.balancer.Target;
import org.gatehouse.sdk.health.ProbeRequest;
import org.gatehouse.sdk.health.ProbeResult;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The "http" probe against a real HTTP server on 127.0.0.1. */
public class HttpHealthProbeTest {

    /** For probes that should succeed: generous, so that a cold JVM does not fail them. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** For probes that must time out. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);
    private static final long BOUND_SECONDS = 10;

    private static HttpServer server;
    private static final BlockingQueue<Headers> receivedHeaders = new LinkedBlockingQueue<>();
    private static final List<HttpExchange> unanswered = new CopyOnWriteArrayList<>();

    private HttpHealthProbe probe;

    @BeforeClass
    public static void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> answer(exchange, 200));
        server.createContext("/no-content", exchange -> answer(exchange, 204));
        server.createContext("/fail", exchange -> answer(exchange, 500));
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().set("Location", "/ok");
            answer(exchange, 302);
        });
        server.createContext("/headers", exchange -> {
            receivedHeaders.add(exchange.getRequestHeaders());
            answer(exchange, 200);
        });
        server.createContext("/silent", unanswered::add);
        server.start();
        // Warm up the JDK client, so that the short timeout below measures the server, not class loading.
        HttpHealthProbe warmUp = new HttpHealthProbe();
        warmUp.activate();
        try {
            warmUp.probe(request("/ok", Map.of())).toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
        } finally {
            warmUp.deactivate();
        }
    }

    @AfterClass
    public static void stopServer() {
        server.stop(0);
    }

    @Before
    public void activate() {
        receivedHeaders.clear();
        probe = new HttpHealthProbe();
        probe.activate();
    }

    @After
    public void deactivate() {
        probe.deactivate();
        unanswered.forEach(HttpExchange::close);
        unanswered.clear();
    }

    @Test
    public void okIsHealthy() throws Exception {
        assertEquals(ProbeResult.healthy("HTTP 200"), probe("/ok", Map.of()));
    }

    @Test
    public void anyTwoHundredIsHealthy() throws Exception {
        assertEquals(ProbeResult.healthy("HTTP 204"), probe("/no-content", Map.of()));
    }

    @Test
    public void serverErrorIsUnhealthy() throws Exception {
        assertEquals(ProbeResult.unhealthy("HTTP 500"), probe("/fail", Map.of()));
    }

    @Test
    public void redirectIsNotFollowed() throws Exception {
        assertEquals(ProbeResult.unhealthy("HTTP 302"), probe("/redirect", Map.of()));
    }

    @Test
    public void sendsTheConfiguredHeadersAndTheQuery() throws Exception {
        assertTrue(probe("/headers?deep=1", Map.of("X-Probe", "gatehouse", "Authorization", "Bearer t")).healthy());

        Headers headers = receivedHeaders.poll(BOUND_SECONDS, TimeUnit.SECONDS);
        assertEquals("gatehouse", headers.getFirst("X-Probe"));
        assertEquals("Bearer t", headers.getFirst("Authorization"));
    }

    @Test
    public void skipsHeadersTheJdkRefusesAndSaysSoOnce() throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(HttpHealthProbe.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            Map<String, String> headers = Map.of("Host", "elsewhere.example", "Connection", "close", "X-Probe", "yes");
            assertTrue(probe("/headers", headers).healthy());
            assertTrue(probe("/headers", headers).healthy());
        } finally {
            logger.removeHandler(handler);
        }

        Headers received = receivedHeaders.poll(BOUND_SECONDS, TimeUnit.SECONDS);
        assertEquals("yes", received.getFirst("X-Probe"));
        assertEquals(server.getAddress().getAddress().getHostAddress() + ':' + server.getAddress().getPort(),
                received.getFirst("Host"));
        assertEquals("one warning per refused header, not per probe", 2, warnings.size());
    }

    @Test
    public void silentServerIsUnhealthyAfterTheTimeout() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<ProbeResult> stage = probe.probe(request("/silent", Map.of(), SHORT_TIMEOUT))
                .toCompletableFuture();
        assertFalse("probe() must not wait for the answer", stage.isDone());

        ProbeResult result = stage.get(BOUND_SECONDS, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(ProbeResult.unhealthy("timed out after 500 ms"), result);
        assertTrue("took " + millis + " ms", millis >= 450 && millis < 3000);
    }

    @Test
    public void closedPortIsUnhealthy() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ProbeResult result = probe.probe(new ProbeRequest(new Target("127.0.0.1", port, 1), false, "/ok", Map.of(),
                TIMEOUT)).toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);

        assertFalse(result.healthy());
        assertThat(result.detail(), containsString("connect failed"));
    }

    @Test
    public void tlsToAPlainServerIsUnhealthy() throws Exception {
        ProbeResult result = probe.probe(new ProbeRequest(target(), true, "/ok", Map.of(), SHORT_TIMEOUT))
                .toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);

        assertFalse(result.detail(), result.healthy());
    }

    @Test
    public void stoppingTheComponentEndsRunningProbes() throws Exception {
        CompletableFuture<ProbeResult> stage = probe.probe(request("/silent", Map.of())).toCompletableFuture();

        probe.deactivate();

        assertEquals(ProbeResult.unhealthy("probe stopped"), stage.getNow(null));
        assertEquals(ProbeResult.unhealthy("probe is not active"),
                probe.probe(request("/ok", Map.of())).toCompletableFuture().getNow(null));
    }

    @Test
    public void malformedPathIsUnhealthyWithoutThrowing() throws Exception {
        ProbeResult result = probe("/not a path", Map.of());

        assertFalse(result.healthy());
        assertThat(result.detail(), containsString("cannot probe"));
    }

    private ProbeResult probe(String path, Map<String, String> headers) throws Exception {
        return probe.probe(request(path, headers)).toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
    }

    private static ProbeRequest request(String path, Map<String, String> headers) {
        return request(path, headers, TIMEOUT);
    }

    private static ProbeRequest request(String path, Map<String, String> headers, Duration timeout) {
        return new ProbeRequest(target(), false, path, headers, timeout);
    }

    private static Target target() {
        return new Target("127.0.0.1", server.getAddress().getPort(), 1);
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
