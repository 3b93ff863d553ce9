package org.gatehouse.core.config;

import static org.gatehouse.core.config.TestConfigs.MINIMAL;
import static org.gatehouse.core.config.TestConfigs.assertErrors;

import org.junit.Test;

/** How problems are reported across the file: all of them, in file order, once each. */
public class ErrorReportingTest {

    @Test
    public void refusesAnUnknownTopLevelKey() {
        assertErrors("servers: {port: 80}\n" + MINIMAL,
                "servers: unknown key (expected one of: server, upstreams, routes)");
    }

    @Test
    public void refusesAKeyThatIsNotAString() {
        assertErrors("server: {1: x}\n" + MINIMAL,
                "server.1: unknown key (expected one of: host, port, max_connections, shutdown_grace)");
    }

    @Test
    public void requiresUpstreamsAndRoutes() {
        assertErrors("server: {}\n", "upstreams: required", "routes: required");
    }

    @Test
    public void reportsEveryProblemAtOnceInFileOrder() {
        assertErrors("""
                server:
                  port: 70000
                  bogus: true
                upstreams:
                  - name: echo
                    targets:
                      - {host: 127.0.0.1, port: 9001}
                      - {host: 127.0.0.1, port: 9001}
                    websocket_config:
                      ping_period: 3x
                      read_buffer_size: 16MB
                  - name: echo
                    targets: [{port: 9002}]
                    health_checks: {threshold: 0}
                routes:
                  - {path: /api/x, upstream: chat}
                  - {path: /ws/echo, upstream: echo, plugins: [auth]}
                """,
                "server.bogus: unknown key (expected one of: host, port, max_connections, shutdown_grace)",
                "server.port: 70000 is out of range (expected: 0-65535)",
                "upstreams[0].targets[1]: duplicate target 127.0.0.1:9001",
                "upstreams[0].websocket_config.ping_period: \"3x\" is not a duration (expected e.g. 500ms, 30s, 2m)",
                "upstreams[0].websocket_config.read_buffer_size: \"16MB\" is not a size (expected e.g. 4096, 64KiB, "
                        + "16MiB)",
                "upstreams[1].name: duplicate upstream name \"echo\"",
                "upstreams[1].targets[0].host: required",
                "upstreams[1].health_checks.threshold: 0 is out of range (expected: 1-2147483647)",
                "routes[0].path: \"/api/x\" must contain \"/ws/\"",
                "routes[0].upstream: no upstream named \"chat\"",
                "routes[1].plugins: message plugins are not supported by this version yet");
    }

    @Test
    public void reportsProblemsInsideAnUpstreamWhoseNameIsMissing() {
        assertErrors("""
                upstreams:
                  - targets: [{host: a, port: 0}]
                    websocket_config: {compression: maybe}
                routes:
                  - {path: /ws/a, upstream: a}
                """,
                "upstreams[0].name: required",
                "upstreams[0].targets[0].port: 0 is out of range (expected: 1-65535)",
                "upstreams[0].websocket_config.compression: expected a boolean, got a string (\"maybe\")",
                "routes[0].upstream: no upstream named \"a\"");
    }
}
