package org.gatehouse.core.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.stream.Stream;

/** Small configuration texts for tests: a valid one, and valid ones with one part replaced. */
final class TestConfigs {

    static final String SOURCE = "test.yaml";

    /** One upstream, "echo", with one target. */
    static final String UPSTREAMS = """
            upstreams:
              - name: echo
                targets: [{host: 127.0.0.1, port: 9001}]
            """;

    /** One route to "echo". */
    static final String ROUTES = """
            routes:
              - {path: /ws/echo, upstream: echo}
            """;

    static final String MINIMAL = UPSTREAMS + ROUTES;

    private TestConfigs() {
    }

    static GatewayConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, SOURCE);
    }

    /** Asserts that {@code yaml} is refused with exactly these lines, each given without its {@code test.yaml: }. */
    static void assertErrors(String yaml, String... expected) {
        ConfigException refusal = assertThrows(ConfigException.class, () -> parse(yaml));
        List<String> lines = Stream.of(expected).map(line -> SOURCE + ": " + line).toList();
        assertEquals(lines, refusal.errors());
    }

    /** {@link #MINIMAL} with a {@code server} section. */
    static String withServer(String server) {
        return "server: " + server + "\n" + MINIMAL;
    }

    /** {@link #MINIMAL} with the upstream's targets replaced. */
    static String withTargets(String... targets) {
        return """
                upstreams:
                  - name: echo
                    targets: [%s]
                """.formatted(String.join(", ", targets)) + ROUTES;
    }

    /** {@link #MINIMAL} with a {@code websocket_config} section in the upstream. */
    static String withWebSocketConfig(String websocketConfig) {
        return UPSTREAMS + "    websocket_config: " + websocketConfig + "\n" + ROUTES;
    }

    /** {@link #MINIMAL} with a {@code health_checks} section in the upstream. */
    static String withHealthChecks(String healthChecks) {
        return UPSTREAMS + "    health_checks: " + healthChecks + "\n" + ROUTES;
    }

    /** {@link #MINIMAL} with the routes replaced. */
    static String withRoutes(String... routes) {
        return UPSTREAMS + "routes: [" + String.join(", ", routes) + "]\n";
    }
}
