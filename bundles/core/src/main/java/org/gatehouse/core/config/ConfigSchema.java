package org.gatehouse.core.config;

import static org.gatehouse.core.config.YamlValues.quote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configuration file's schema: its keys, what each accepts, the defaults, and the rules across entries. Reads a
 * YAML tree into a {@link GatewayConfig}, recording every problem rather than stopping at the first.
 */
final class ConfigSchema {

    private static final List<String> TOP_KEYS = List.of("server", "upstreams", "routes");
    private static final List<String> SERVER_KEYS = List.of("host", "port", "max_connections", "shutdown_grace");
    private static final List<String> UPSTREAM_KEYS =
            List.of("name", "algorithm", "targets", "websocket_config", "health_checks");
    private static final List<String> TARGET_KEYS = List.of("host", "port", "protocol", "path", "weight");
    private static final List<String> WEBSOCKET_KEYS = List.of("enable_direct_communication", "return_error_details",
            "ping_period", "pong_wait", "handshake_timeout", "read_buffer_size", "write_buffer_size",
            "max_message_size", "compression");
    private static final List<String> HEALTH_CHECKS_KEYS =
            List.of("passive", "path", "headers", "threshold", "interval");
    private static final List<String> ROUTE_KEYS = List.of("path", "upstream", "plugins");

    /** TargetConfig has no constant for it. */
    private static final int DEFAULT_WEIGHT = 1;

    /**
     * No timer needs to be longer, and this bound keeps every duration safe to convert to nanoseconds or to int
     * milliseconds, as Netty's timeouts take them.
     */
    private static final Duration MAX_DURATION = Duration.ofHours(24);

    private static final ValueType<String> NAME = ValueType.nonEmptyString();
    private static final ValueType<Integer> TARGET_PORT = ValueType.integer(1, 65_535);
    private static final ValueType<Integer> AT_LEAST_ONE = ValueType.integer(1, Integer.MAX_VALUE);
    private static final ValueType<Duration> POSITIVE_DURATION = ValueType.duration(Duration.ofMillis(1), MAX_DURATION);
    private static final ValueType<Integer> BUFFER_SIZE = ValueType.size(64, 16 << 20);
    private static final ValueType<String> PROTOCOL = ValueType.string().check(
            protocol -> protocol.equals(TargetConfig.HTTP) || protocol.equals(TargetConfig.HTTPS),
            protocol -> quote(protocol) + " is not supported (expected one of: http, https)");
    private static final ValueType<String> ABSOLUTE_PATH = ValueType.string().check(
            path -> path.startsWith("/"), path -> quote(path) + " must start with \"/\"");
    private static final ValueType<String> ROUTE_PATH = ABSOLUTE_PATH.check(
            path -> path.contains("/ws/"), path -> quote(path) + " must contain \"/ws/\"");
    private static final ValueType<String> PROBE_PATH = ValueType.string().check(
            path -> path.isEmpty() || path.startsWith("/") || path.startsWith("ws:") || path.startsWith("wss:"),
            path -> quote(path) + " must be empty or start with \"/\", \"ws:\" or \"wss:\"");

    /** An HTTP field name (RFC 9110 token): a probe with any other name would fail only when it is sent. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final ValueType<String> HEADER_VALUE = ValueType.string().check(
            value -> value.chars().noneMatch(c -> c != '\t' && Character.isISOControl(c)),
            value -> quote(value) + " contains a control character");

    private final Problems problems;

    private ConfigSchema(Problems problems) {
        this.problems = problems;
    }

    /** The configuration in {@code tree}, as SnakeYAML parsed it from {@code source}. */
    static GatewayConfig read(Object tree, String source) throws ConfigException {
        if (tree == null) {
            throw new ConfigException(List.of(Problems.line(source, "",
                    "the file is empty (expected a map with keys: " + String.join(", ", TOP_KEYS) + ")")));
        }
        Problems problems = new Problems(source);
        Optional<GatewayConfig> config =
                YamlMap.of(tree, "", TOP_KEYS, problems).map(new ConfigSchema(problems)::gateway);
        problems.throwIfAny();
        return config.orElseThrow();
    }

    private GatewayConfig gateway(YamlMap root) {
        ServerConfig server = server(root.section("server", SERVER_KEYS));

        Map<String, UpstreamConfig> upstreams = new LinkedHashMap<>();
        for (YamlMap entry : root.requiredList("upstreams", UPSTREAM_KEYS)) {
            upstream(entry, upstreams.keySet()).ifPresent(upstream -> upstreams.putIfAbsent(upstream.name(), upstream));
        }

        List<RouteConfig> routes = new ArrayList<>();
        Set<String> routePaths = new HashSet<>();
        for (YamlMap entry : root.requiredList("routes", ROUTE_KEYS)) {
            route(entry, upstreams.keySet(), routePaths).ifPresent(routes::add);
        }
        return new GatewayConfig(server, upstreams, routes);
    }

    private ServerConfig server(YamlMap server) {
        return new ServerConfig(
                server.get("host", ValueType.nonEmptyString(), ServerConfig.DEFAULT_HOST),
                server.get("port", ValueType.integer(0, 65_535), ServerConfig.DEFAULT_PORT),
                server.get("max_connections", AT_LEAST_ONE, ServerConfig.DEFAULT_MAX_CONNECTIONS),
                server.get("shutdown_grace", ValueType.duration(Duration.ZERO, MAX_DURATION),
                        ServerConfig.DEFAULT_SHUTDOWN_GRACE));
    }

    /** Empty when the name is missing or refused, since upstreams are known by name. */
    private Optional<UpstreamConfig> upstream(YamlMap upstream, Set<String> upstreamNames) {
        Optional<String> name = upstream.required("name", NAME);
        if (name.isPresent() && upstreamNames.contains(name.get())) {
            upstream.problem("name", "duplicate upstream name " + quote(name.get()));
        }
        String algorithm = upstream.get("algorithm", ValueType.nonEmptyString(), UpstreamConfig.DEFAULT_ALGORITHM);
        List<TargetConfig> targets = targets(upstream.requiredList("targets", TARGET_KEYS));
        WebSocketConfig websocket = websocket(upstream.section("websocket_config", WEBSOCKET_KEYS));
        HealthChecksConfig healthChecks = healthChecks(upstream.section("health_checks", HEALTH_CHECKS_KEYS));
        return name.map(n -> new UpstreamConfig(n, algorithm, targets, websocket, healthChecks));
    }

    private List<TargetConfig> targets(List<YamlMap> entries) {
        List<TargetConfig> targets = new ArrayList<>();
        Set<String> addresses = new HashSet<>();
        for (YamlMap entry : entries) {
            target(entry).ifPresent(target -> {
                if (addresses.add(target.address())) {
                    targets.add(target);
                } else {
                    problems.add(entry.path(), "duplicate target " + target.address());
                }
            });
        }
        return targets;
    }

    /** Empty when the host or the port is missing or refused. */
    private Optional<TargetConfig> target(YamlMap target) {
        Optional<String> host = target.required("host", ValueType.nonEmptyString());
        Optional<Integer> port = target.required("port", TARGET_PORT);
        String protocol = target.get("protocol", PROTOCOL, TargetConfig.HTTP);
        Optional<String> path = target.optional("path", ABSOLUTE_PATH);
        int weight = target.get("weight", AT_LEAST_ONE, DEFAULT_WEIGHT);
        return host.flatMap(h -> port.map(p -> new TargetConfig(h, p, protocol, path, weight)));
    }

    private WebSocketConfig websocket(YamlMap websocket) {
        WebSocketConfig defaults = WebSocketConfig.DEFAULTS;
        int problemsBefore = problems.count();
        Duration pingPeriod = websocket.get("ping_period", POSITIVE_DURATION, defaults.pingPeriod());
        Duration pongWait = websocket.get("pong_wait", POSITIVE_DURATION, defaults.pongWait());
        // Compared only when both were read as written: after a refusal, a default stands in and would mislead.
        if (problems.count() == problemsBefore && pongWait.compareTo(pingPeriod) <= 0) {
            websocket.problem("pong_wait", UnitFormat.DURATION.format(pongWait.toMillis())
                    + " must be greater than ping_period (" + UnitFormat.DURATION.format(pingPeriod.toMillis()) + ")");
        }
        return new WebSocketConfig(
                websocket.get("enable_direct_communication", ValueType.bool(), defaults.enableDirectCommunication()),
                websocket.get("return_error_details", ValueType.bool(), defaults.returnErrorDetails()),
                pingPeriod,
                pongWait,
                websocket.get("handshake_timeout", POSITIVE_DURATION, defaults.handshakeTimeout()),
                websocket.get("read_buffer_size", BUFFER_SIZE, defaults.readBufferSize()),
                websocket.get("write_buffer_size", BUFFER_SIZE, defaults.writeBufferSize()),
                websocket.get("max_message_size", ValueType.size(1, Integer.MAX_VALUE), defaults.maxMessageSize()),
                websocket.get("compression", ValueType.bool(), defaults.compression()));
    }

    private HealthChecksConfig healthChecks(YamlMap healthChecks) {
        HealthChecksConfig defaults = HealthChecksConfig.DEFAULTS;
        return new HealthChecksConfig(
                healthChecks.get("passive", ValueType.bool(), defaults.passive()),
                healthChecks.get("path", PROBE_PATH, defaults.path()),
                headers(healthChecks),
                healthChecks.get("threshold", AT_LEAST_ONE, defaults.threshold()),
                healthChecks.get("interval", POSITIVE_DURATION, defaults.interval()));
    }

    private Map<String, String> headers(YamlMap healthChecks) {
        String path = healthChecks.pathOf("headers");
        Map<String, String> headers = new LinkedHashMap<>();
        healthChecks.get("headers", ValueType.map(), HealthChecksConfig.DEFAULTS.headers()).forEach((name, value) -> {
            if (!(name instanceof String text && HEADER_NAME.matcher(text).matches())) {
                problems.add(path, "expected header names to be HTTP tokens, got " + YamlValues.describe(name));
                return;
            }
            try {
                headers.put(text, HEADER_VALUE.read(value));
            } catch (InvalidValueException e) {
                problems.add(path + '.' + text, e.getMessage());
            }
        });
        return headers;
    }

    /** Empty when the path or the upstream is missing or refused. */
    private Optional<RouteConfig> route(YamlMap route, Set<String> upstreamNames, Set<String> routePaths) {
        Optional<String> path = route.required("path", ROUTE_PATH);
        if (path.isPresent() && !routePaths.add(path.get())) {
            route.problem("path", "duplicate route path " + quote(path.get()));
        }
        Optional<String> upstream = route.required("upstream", NAME);
        if (upstream.isPresent() && !upstreamNames.contains(upstream.get())) {
            route.problem("upstream", "no upstream named " + quote(upstream.get()));
        }
        if (!route.get("plugins", ValueType.list(), List.of()).isEmpty()) {
            route.problem("plugins", "message plugins are not supported by this version yet");
        }
        return path.flatMap(p -> upstream.map(u -> new RouteConfig(p, u)));
    }
}
