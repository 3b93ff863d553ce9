package org.gatehouse.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gatehouse.itest.LoopbackPorts;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.ExternalResource;
import org.junit.rules.RuleChain;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.TestRule;
import org.junit.rules.Timeout;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The assembled distribution, end to end: {@code bin/gatehouse} started as a child process, as an operator would,
 * and driven over real sockets. Waits are bounded and synchronised on log lines, never on sleeps; every process is
 * destroyed when its test ends, whatever happened.
 */
public class DistributionIT {

    /** The bound of every single wait: a log line, a connect, an echo, an exit. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Added to the configured shutdown_grace for the process to be gone after SIGTERM. */
    private static final Duration EXIT_MARGIN = Duration.ofSeconds(10);

    private static final Path DIST = Path.of(System.getProperty("gatehouse.dist", "target/gatehouse")).toAbsolutePath();

    private final TemporaryFolder temp = new TemporaryFolder();
    private final Processes processes = new Processes();

    /** Processes are destroyed after the timeout has had its say, on the runner's thread. */
    @Rule
    public final TestRule rules = RuleChain.outerRule(temp).around(processes).around(Timeout.seconds(120));

    @Before
    public void distributionIsAssembled() {
        assertTrue("no start script in " + DIST + " (run mvn verify)", Files.isExecutable(DIST.resolve("bin/gatehouse")));
    }

    @Test
    public void echoesThroughTheDemoRouteAndStopsGracefullyOnSigterm() throws Exception {
        int port = freePort();
        int echoPort = freePort();
        Map<String, Object> config = demoConfig(port, echoPort);
        Duration grace = duration(String.valueOf(section(config, "server").get("shutdown_grace")));
        Gatehouse gatehouse = processes.start(echoPort, "--config", write(config).toString());

        gatehouse.await("the core's listener", line -> line.contains("listening on")
                && !line.contains("echo server listening on"));
        gatehouse.await("the demo echo server", line -> line.contains("echo server listening on"));

        Client client = new Client();
        WebSocket socket = client.connect(URI.create("ws://127.0.0.1:" + port + "/ws/echo"));
        socket.sendText("hello through gatehouse", true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("hello through gatehouse", client.nextMessage());
        System.out.printf("DistributionIT: process start to first echoed message: %d ms%n", gatehouse.elapsedMillis());

        // SIGTERM, as process.destroy() sends, but through the handle: Process.destroy() also closes the output
        // pipe at once, which would lose the shutdown's log lines (and any LEAK: report among them).
        assertTrue("SIGTERM not sent", gatehouse.process.toHandle().destroy());

        assertEquals("close status seen by the client", 1001, client.closeStatus());
        assertEquals("exit code after SIGTERM", 0, gatehouse.awaitExit(grace.plus(EXIT_MARGIN)));
        assertFalse("Netty reported a leak:\n" + gatehouse.output(), gatehouse.output().contains("LEAK:"));
    }

    @Test
    public void invalidConfigExitsWith78NamingTheKeyPath() throws Exception {
        int echoPort = freePort();
        Map<String, Object> config = demoConfig(freePort(), echoPort);
        section(list(config, "routes").get(0), null).put("path", "/echo");
        Gatehouse gatehouse = processes.start(echoPort, "--config", write(config).toString());

        assertEquals(78, gatehouse.awaitExit(WAIT));
        assertTrue("no line names routes[0].path:\n" + gatehouse.output(),
                gatehouse.output().contains("routes[0].path"));
    }

    @Test
    public void missingConfigExitsWith78NamingTheFile() throws Exception {
        Gatehouse gatehouse = processes.start(freePort(), "--config", "/does/not/exist");

        assertEquals(78, gatehouse.awaitExit(WAIT));
        assertTrue(gatehouse.output(),
                gatehouse.output().contains("gatehouse: config file does not exist: /does/not/exist"));
    }

    @Test
    public void unknownArgumentExitsWith64AndUsage() throws Exception {
        Gatehouse gatehouse = processes.start(freePort(), "--frobnicate");

        assertEquals(64, gatehouse.awaitExit(WAIT));
        assertTrue(gatehouse.output(), gatehouse.output().contains("gatehouse: unknown argument: --frobnicate"));
        assertTrue(gatehouse.output(), gatehouse.output().contains("Usage: gatehouse"));
    }

    // --- the configuration ---

    /** The shipped demo configuration with the listener on {@code port} and the echo target on {@code echoPort}. */
    private static Map<String, Object> demoConfig(int port, int echoPort) throws IOException {
        Map<String, Object> config;
        try (Reader in = Files.newBufferedReader(DIST.resolve("conf/gatehouse.yaml"), StandardCharsets.UTF_8)) {
            config = new Yaml().load(in);
        }
        section(config, "server").put("port", port);
        boolean found = false;
        for (Object upstream : list(config, "upstreams")) {
            if ("echo".equals(section(upstream, null).get("name"))) {
                section(list(upstream, "targets").get(0), null).put("port", echoPort);
                found = true;
            }
        }
        assertTrue("the demo config has no upstream named echo", found);
        return config;
    }

    private Path write(Map<String, Object> config) throws IOException {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path file = temp.newFile("gatehouse.yaml").toPath();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new Yaml(options).dump(config, out);
        }
        return file;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Object node, String key) {
        Object value = key == null ? node : ((Map<String, Object>) node).get(key);
        assertTrue("not a mapping: " + key, value instanceof Map);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node, String key) {
        Object value = ((Map<String, Object>) node).get(key);
        assertTrue("not a list: " + key, value instanceof List && !((List<?>) value).isEmpty());
        return (List<Object>) value;
    }

    /** A config duration: {@code 250ms}, {@code 10s}, {@code 2m}. */
    private static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d+)\\s*(ms|s|m)").matcher(text.trim());
        assertTrue("not a duration: " + text, m.matches());
        long amount = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            default:
                return Duration.ofMinutes(amount);
        }
    }

    private static int freePort() {
        return LoopbackPorts.free();
    }

    // --- the process ---

    /** Starts gatehouse processes and destroys whichever still run when the test ends. */
    private static final class Processes extends ExternalResource {

        private final List<Gatehouse> started = new ArrayList<>();

        Gatehouse start(int echoPort, String... args) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(DIST.resolve("bin/gatehouse").toString());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("GATEHOUSE_OPTS",
                    "-Dgatehouse.demo.echo.port=" + echoPort + " -Dio.netty.leakDetection.level=paranoid");
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Gatehouse gatehouse = new Gatehouse(builder);
            started.add(gatehouse);
            return gatehouse;
        }

        @Override
        protected void after() {
            for (Gatehouse gatehouse : started) {
                gatehouse.destroy();
            }
        }
    }

    /** One running bin/gatehouse, its merged stdout and stderr read line by line on a thread of its own. */
    private static final class Gatehouse {

        final Process process;
        private final long startNanos = System.nanoTime();
        private final StringBuilder output = new StringBuilder();
        private final List<String> lines = new ArrayList<>();
        private final List<Watch> watches = new ArrayList<>();
        private final CountDownLatch ended = new CountDownLatch(1);

        Gatehouse(ProcessBuilder builder) throws IOException {
            process = builder.start();
            Thread reader = new Thread(this::read, "gatehouse-output-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        long elapsedMillis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }

        /** Waits, bounded, for a line matching {@code line}; fails naming {@code what} and showing the output. */
        void await(String what, Predicate<String> line) throws InterruptedException {
            CountDownLatch seen = new CountDownLatch(1);
            synchronized (this) {
                if (lines.stream().anyMatch(line)) {
                    return;
                }
                watches.add(new Watch(line, seen));
            }
            if (!seen.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("no log line from " + what + " within " + WAIT.toSeconds() + " s; output:\n" + output());
            }
        }

        /** Waits, bounded, for the process to exit and its output to end; returns the exit code. */
        int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("still running after " + timeout.toSeconds() + " s; output:\n" + output());
            }
            assertTrue("the output did not end", ended.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            return process.exitValue();
        }

        synchronized String output() {
            return output.toString();
        }

        void destroy() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println("  | " + line);
                    synchronized (this) {
                        output.append(line).append('\n');
                        lines.add(line);
                        for (Watch watch : watches) {
                            if (watch.line.test(line)) {
                                watch.seen.countDown();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // The pipe was closed by destroyForcibly(): the test is over.
            } finally {
                ended.countDown();
            }
        }

        private static final class Watch {

            final Predicate<String> line;
            final CountDownLatch seen;

            Watch(Predicate<String> line, CountDownLatch seen) {
                this.line = line;
                this.seen = seen;
            }
        }
    }

    // --- the client ---

    /** The JDK's WebSocket client, collecting whole text messages and the close status. */
    private static final class Client implements WebSocket.Listener {

        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        WebSocket connect(URI uri) throws InterruptedException, ExecutionException, TimeoutException {
            return HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(WAIT)
                    .buildAsync(uri, this)
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        String nextMessage() throws InterruptedException {
            String message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull("no message within " + WAIT.toSeconds() + " s", message);
            return message;
        }

        int closeStatus() throws InterruptedException, ExecutionException, TimeoutException {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
