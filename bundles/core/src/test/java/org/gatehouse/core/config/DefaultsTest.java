package org.gatehouse.core.config;

import static org.gatehouse.core.config.TestConfigs.MINIMAL;
import static org.gatehouse.core.config.TestConfigs.UPSTREAMS;
import static org.gatehouse.core.config.TestConfigs.parse;
import static org.gatehouse.core.config.TestConfigs.withHealthChecks;
import static org.gatehouse.core.config.TestConfigs.withServer;
import static org.gatehouse.core.config.TestConfigs.withTargets;
import static org.gatehouse.core.config.TestConfigs.withWebSocketConfig;
import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;

public class DefaultsTest {

    private static final ServerConfig DEFAULT_SERVER = new ServerConfig(ServerConfig.DEFAULT_HOST,
            ServerConfig.DEFAULT_PORT, ServerConfig.DEFAULT_MAX_CONNECTIONS, ServerConfig.DEFAULT_SHUTDOWN_GRACE);

    @Test
    public void theDefaultsAreTheSchemasValues() {
        assertEquals(new ServerConfig("0.0.0.0", 8080, 10_000, Duration.ofSeconds(10)), DEFAULT_SERVER);
        assertEquals("round-robin", UpstreamConfig.DEFAULT_ALGORITHM);
        assertEquals(new WebSocketConfig(false, false, Duration.ofSeconds(30), Duration.ofSeconds(45),
                Duration.ofSeconds(5), 4096, 4096, 16 * 1024 * 1024, true), WebSocketConfig.DEFAULTS);
        assertEquals(new HealthChecksConfig(false, "", Map.of(), 3, Duration.ofSeconds(60), "http", 2,
                Duration.ofSeconds(5), false, Duration.ofSeconds(30)), HealthChecksConfig.DEFAULTS);
    }

    @Test
    public void appliesEveryDefaultToAMinimalConfiguration() throws ConfigException {
        GatewayConfig config = parse(MINIMAL);

        assertEquals(DEFAULT_SERVER, config.server());
        UpstreamConfig echo = config.upstreams().get("echo");
        assertEquals(new UpstreamConfig("echo", UpstreamConfig.DEFAULT_ALGORITHM,
                List.of(new TargetConfig("127.0.0.1", 9001, TargetConfig.HTTP, Optional.empty(), 1)),
                WebSocketConfig.DEFAULTS, HealthChecksConfig.DEFAULTS, Optional.empty()), echo);
        assertEquals(List.of(new RouteConfig("/ws/echo", "echo")), config.routes());
    }

    @Test
    public void appliesTheServerDefaultsToAnEmptyOrNullSection() throws ConfigException {
        assertEquals(DEFAULT_SERVER, parse(withServer("{}")).server());
        assertEquals(DEFAULT_SERVER, parse(withServer("")).server());
        assertEquals(DEFAULT_SERVER, parse("server:\n  # port: 9090\n" + MINIMAL).server());
    }

    @Test
    public void appliesTheDefaultOfEachServerKeyLeftOut() throws ConfigException {
        assertEquals(new ServerConfig("127.0.0.1", 8080, 10_000, Duration.ofSeconds(10)),
                parse(withServer("{host: 127.0.0.1}")).server());
        assertEquals(new ServerConfig("0.0.0.0", 9090, 10_000, Duration.ofSeconds(10)),
                parse(withServer("{port: 9090}")).server());
        assertEquals(new ServerConfig("0.0.0.0", 8080, 5, Duration.ofSeconds(10)),
                parse(withServer("{max_connections: 5}")).server());
        assertEquals(new ServerConfig("0.0.0.0", 8080, 10_000, Duration.ofMillis(1500)),
                parse(withServer("{shutdown_grace: 1500ms}")).server());
    }

    @Test
    public void treatsANullValueAsLeftOut() throws ConfigException {
        assertEquals(DEFAULT_SERVER, parse(withServer("{port: null, host: ~}")).server());
    }

    @Test
    public void appliesTheWebSocketDefaultsToAnEmptySection() throws ConfigException {
        assertEquals(WebSocketConfig.DEFAULTS, parse(withWebSocketConfig("{}")).upstreams().get("echo").websocket());
    }

    @Test
    public void appliesTheDefaultOfEachWebSocketKeyLeftOut() throws ConfigException {
        WebSocketConfig config = parse(withWebSocketConfig("{compression: false, max_message_size: 1MiB}"))
                .upstreams().get("echo").websocket();

        WebSocketConfig defaults = WebSocketConfig.DEFAULTS;
        assertEquals(new WebSocketConfig(defaults.enableDirectCommunication(), defaults.returnErrorDetails(),
                defaults.pingPeriod(), defaults.pongWait(), defaults.handshakeTimeout(), defaults.readBufferSize(),
                defaults.writeBufferSize(), 1 << 20, false), config);
    }

    @Test
    public void appliesTheHealthCheckDefaultsToAnEmptySection() throws ConfigException {
        assertEquals(HealthChecksConfig.DEFAULTS,
                parse(withHealthChecks("{}")).upstreams().get("echo").healthChecks());
    }

    @Test
    public void appliesTheDefaultOfEachHealthCheckKeyLeftOut() throws ConfigException {
        HealthChecksConfig config = parse(withHealthChecks("{passive: true}")).upstreams().get("echo").healthChecks();

        HealthChecksConfig defaults = HealthChecksConfig.DEFAULTS;
        assertEquals(new HealthChecksConfig(true, defaults.path(), defaults.headers(), defaults.threshold(),
                defaults.interval(), defaults.type(), defaults.healthyThreshold(), defaults.timeout(),
                defaults.rehomeOnUnhealthy(), defaults.rehomeWindow()), config);
    }

    @Test
    public void appliesTheDefaultOfEachNewHealthCheckKeyLeftOut() throws ConfigException {
        HealthChecksConfig defaults = HealthChecksConfig.DEFAULTS;
        assertEquals(new HealthChecksConfig(false, "/health", Map.of(), 3, Duration.ofSeconds(60), "http", 7,
                        Duration.ofSeconds(5), false, Duration.ofSeconds(30)),
                healthChecks("{path: /health, healthy_threshold: 7}"));
        assertEquals(new HealthChecksConfig(false, "/health", Map.of(), 3, Duration.ofSeconds(60), "http", 2,
                        Duration.ofSeconds(1), false, Duration.ofSeconds(30)),
                healthChecks("{path: /health, timeout: 1s}"));
        assertEquals(new HealthChecksConfig(false, "", Map.of(), 3, Duration.ofSeconds(60), "http", 2,
                        Duration.ofSeconds(5), true, Duration.ofSeconds(30)),
                healthChecks("{rehome_on_unhealthy: true}"));
        assertEquals(new HealthChecksConfig(false, "", Map.of(), 3, Duration.ofSeconds(60), "http", 2,
                        Duration.ofSeconds(5), false, Duration.ofSeconds(10)),
                healthChecks("{rehome_window: 10s}"));
        assertEquals(new HealthChecksConfig(false, "", Map.of(), 3, Duration.ofSeconds(60), "websocket", 2,
                        Duration.ofSeconds(5), false, Duration.ofSeconds(30)),
                healthChecks("{type: websocket}"));
        assertEquals(defaults, healthChecks("{type: null, healthy_threshold: ~, timeout: null, "
                + "rehome_on_unhealthy: null, rehome_window: null}"));
    }

    @Test
    public void leavesHashOnEmptyByDefault() throws ConfigException {
        assertEquals(Optional.empty(), parse(MINIMAL).upstreams().get("echo").hashOn());
    }

    @Test
    public void acceptsAnEmptyOrNullPluginList() throws ConfigException {
        assertEquals(List.of(new RouteConfig("/ws/echo", "echo")),
                parse(UPSTREAMS + "routes: [{path: /ws/echo, upstream: echo, plugins: []}]").routes());
        assertEquals(List.of(new RouteConfig("/ws/echo", "echo")),
                parse(UPSTREAMS + "routes: [{path: /ws/echo, upstream: echo, plugins: null}]").routes());
    }

    @Test
    public void keepsUpstreamsAndRoutesInFileOrder() throws ConfigException {
        GatewayConfig config = parse("""
                upstreams:
                  - {name: zulu, targets: [{host: z, port: 1}]}
                  - {name: alpha, targets: [{host: a, port: 1}]}
                  - {name: mike, targets: [{host: m, port: 1}]}
                routes:
                  - {path: /ws/z, upstream: zulu}
                  - {path: /ws/a, upstream: alpha}
                  - {path: /ws/m, upstream: mike}
                """);

        assertEquals(List.of("zulu", "alpha", "mike"), List.copyOf(config.upstreams().keySet()));
        assertEquals(List.of(new RouteConfig("/ws/z", "zulu"), new RouteConfig("/ws/a", "alpha"),
                new RouteConfig("/ws/m", "mike")), config.routes());
    }

    @Test
    public void keepsTargetsInFileOrder() throws ConfigException {
        GatewayConfig config = parse(withTargets("{host: b, port: 2}", "{host: a, port: 1}", "{host: b, port: 1}"));

        assertEquals(List.of("b:2", "a:1", "b:1"),
                config.upstreams().get("echo").targets().stream().map(TargetConfig::address).toList());
    }

    private static HealthChecksConfig healthChecks(String healthChecks) throws ConfigException {
        return parse(withHealthChecks(healthChecks)).upstreams().get("echo").healthChecks();
    }
}
