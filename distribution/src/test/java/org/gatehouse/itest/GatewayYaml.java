package org.gatehouse.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a Gatehouse configuration file in the schema of {@code distribution/src/main/dist/conf/gatehouse.yaml}.
 * The listener binds 127.0.0.1 on any free port; every upstream key is written out, with defaults suited to
 * tests (direct mode, error details on, short timeouts) that a test overrides with {@link UpstreamYaml#set}.
 *
 * <pre>{@code
 * String yaml = new GatewayYaml()
 *         .upstream(new UpstreamYaml("main").target(port, "/target").set("ping_period", "200ms"))
 *         .route("/ws/main", "main")
 *         .render();
 * }</pre>
 */
public final class GatewayYaml {

    private int port;
    private int maxConnections = 10_000;
    private String shutdownGrace = "2s";
    private final List<UpstreamYaml> upstreams = new ArrayList<>();
    private final List<String[]> routes = new ArrayList<>();

    /** {@code server.port}; 0 (the default) lets the core bind any free port, read from its SocketAddress service. */
    public GatewayYaml port(int port) {
        this.port = port;
        return this;
    }

    public GatewayYaml maxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
        return this;
    }

    public GatewayYaml upstream(UpstreamYaml upstream) {
        upstreams.add(upstream);
        return this;
    }

    /** A route, written exactly as given: an invalid path makes an invalid file, which some tests want. */
    public GatewayYaml route(String path, String upstream) {
        routes.add(new String[] {path, upstream});
        return this;
    }

    public String render() {
        StringBuilder y = new StringBuilder();
        y.append("# Written by an integration test.\n");
        y.append("server:\n");
        y.append("  host: 127.0.0.1\n");
        y.append("  port: ").append(port).append('\n');
        y.append("  max_connections: ").append(maxConnections).append('\n');
        y.append("  shutdown_grace: ").append(shutdownGrace).append('\n');
        y.append("upstreams:\n");
        for (UpstreamYaml upstream : upstreams) {
            upstream.render(y);
        }
        y.append("routes:\n");
        for (String[] route : routes) {
            y.append("  - path: ").append(route[0]).append('\n');
            y.append("    upstream: ").append(route[1]).append('\n');
            y.append("    plugins: []\n");
        }
        return y.toString();
    }

    /**
     * Replaces {@code file} with {@code yaml} in one step (write a sibling, then an atomic rename), so the core's
     * poller never reads a half-written file.
     */
    public static void replace(Path file, String yaml) {
        try {
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(temp, yaml);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One entry of {@code upstreams}. */
    public static final class UpstreamYaml {
        private final String name;
        private String algorithm = "round-robin";
        private String hashOn;
        private final List<String> targets = new ArrayList<>();
        private final Map<String, String> websocket = new LinkedHashMap<>();
        private final Map<String, String> healthChecks = new LinkedHashMap<>();
        private final Map<String, String> probeHeaders = new LinkedHashMap<>();

        public UpstreamYaml(String name) {
            this.name = name;
            // The contracts describe direct mode: each client session gets its own upstream connection.
            websocket.put("enable_direct_communication", "true");
            websocket.put("return_error_details", "true");
            websocket.put("ping_period", "30s");
            websocket.put("pong_wait", "45s");
            websocket.put("handshake_timeout", "5s");
            websocket.put("read_buffer_size", "4096");
            websocket.put("write_buffer_size", "4096");
            websocket.put("max_message_size", "16MiB");
            websocket.put("compression", "true");
            // No health checks unless a test asks for them (TrustGate's keys, written as the sample file does).
            healthChecks.put("passive", "false");
            healthChecks.put("path", "\"\"");
            healthChecks.put("threshold", "3");
            healthChecks.put("interval", "60");
        }

        public UpstreamYaml algorithm(String algorithm) {
            this.algorithm = algorithm;
            return this;
        }

        /** A target on 127.0.0.1 that receives the client's path. */
        public UpstreamYaml target(int port) {
            return target(port, null);
        }

        /** A target on 127.0.0.1 whose {@code path} replaces the client's path (null: keep the client's). */
        public UpstreamYaml target(int port, String path) {
            return target(port, path, 1);
        }

        /** A target on 127.0.0.1 with this {@code weight}, receiving the client's path. */
        public UpstreamYaml weightedTarget(int port, int weight) {
            return target(port, null, weight);
        }

        private UpstreamYaml target(int port, String path, int weight) {
            StringBuilder t = new StringBuilder();
            t.append("      - host: 127.0.0.1\n");
            t.append("        port: ").append(port).append('\n');
            t.append("        protocol: http\n");
            if (path != null) {
                t.append("        path: ").append(path).append('\n');
            }
            t.append("        weight: ").append(weight).append('\n');
            targets.add(t.toString());
            return this;
        }

        /** The upstream's {@code hash_on} key, e.g. {@code header:X-User} (written quoted). */
        public UpstreamYaml hashOn(String hashOn) {
            this.hashOn = hashOn;
            return this;
        }

        /**
         * Sets a {@code health_checks} key, written as given: {@code health("interval", "2s")}. Strings that YAML
         * could misread (a {@code ws:} path) must come quoted, see {@link #quoted}.
         */
        public UpstreamYaml health(String key, Object value) {
            healthChecks.put(key, String.valueOf(value));
            return this;
        }

        /** Passive checks: {@code threshold} failures within {@code interval} mark a target unhealthy. */
        public UpstreamYaml passiveHealth(int threshold, String interval) {
            return health("passive", true).health("threshold", threshold).health("interval", interval);
        }

        /** Active checks of {@code path} (quoted here), every {@code interval}. */
        public UpstreamYaml activeHealth(String path, String interval) {
            return health("path", quoted(path)).health("interval", interval);
        }

        /** A header that active probes send ({@code health_checks.headers}). */
        public UpstreamYaml probeHeader(String name, String value) {
            probeHeaders.put(name, value);
            return this;
        }

        /** A YAML double-quoted string. */
        public static String quoted(String text) {
            return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }

        /** Sets a {@code websocket_config} key, e.g. {@code set("pong_wait", "1s")}. */
        public UpstreamYaml set(String key, Object value) {
            websocket.put(key, String.valueOf(value));
            return this;
        }

        void render(StringBuilder y) {
            y.append("  - name: ").append(name).append('\n');
            y.append("    algorithm: ").append(algorithm).append('\n');
            if (hashOn != null) {
                y.append("    hash_on: ").append(quoted(hashOn)).append('\n');
            }
            y.append("    targets:\n");
            targets.forEach(y::append);
            y.append("    websocket_config:\n");
            websocket.forEach((k, v) -> y.append("      ").append(k).append(": ").append(v).append('\n'));
            y.append("    health_checks:\n");
            healthChecks.forEach((k, v) -> y.append("      ").append(k).append(": ").append(v).append('\n'));
            List<String> headers = new ArrayList<>();
            probeHeaders.forEach((k, v) -> headers.add(k + ": " + quoted(v)));
            y.append("      headers: {").append(String.join(", ", headers)).append("}\n");
        }
    }
}
