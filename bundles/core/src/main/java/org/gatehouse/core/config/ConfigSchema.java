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
            List.of("name", "algorithm", "hash_on", "targets", "websocket_config", "health_checks");
    private static final List<String> TARGET_KEYS = List.of("host", "port", "protocol", "path", "weight");
    private static final List<String> WEBSOCKET_KEYS = List.of("enable_direct_communication", "return_error_details",
            "ping_period", "pong_wait", "handshake_timeout", "read_buffer_size", "write_buffer_size",
            "max_message_size", "compression");
    private static final List<String> HEALTH_CHECKS_KEYS = List.of("passive", "path", "headers", "threshold",
            "interval", "type", "healthy_threshold", "timeout", "rehome_on_unhealthy", "rehome_window");
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
    private static final ValueType<Duration> NON_NEGATIVE_DURATION = ValueType.duration(Duration.ZERO, MAX_DURATION);
    private static final ValueType<Integer> BUFFER_SIZE = ValueType.size(64, 16 << 20);
    private static final ValueType<String> PROTOCOL = ValueType.string().check(
            protocol -> protocol.equals(TargetConfig.HTTP) || protocol.equals(TargetConfig.HTTPS),
            protocol -> quote(protocol) + " is not supported (expected one of: http, https)");
    private static final ValueType<String> ABSOLUTE_PATH = ValueType.string().check(
            path -> path.startsWith("/"), path -> quote(path) + " must start with \"/\"");
    private static final ValueType<String> ROUTE_PATH = ABSOLUTE_PATH.check(
            path -> path.contains("/ws/"), path -> quote(path) + " must contain \"/ws/\"");

    /** The prefixes of a {@code health_checks.path} that probe over WebSocket; TLS follows the target's protocol. */
    private static final List<String> WEBSOCKET_PROBE_PREFIXES = List.of("ws:", "wss:");
    private static final ValueType<String> PROBE_PATH = raw -> {
        String path = ValueType.string().read(raw);
        if (path.isEmpty() || path.startsWith("/")) {
            return path;
        }
        Optional<String> prefix = webSocketProbePrefix(path);
        if (prefix.isEmpty()) {
            throw new InvalidValueException(quote(path) + " must be empty or start with \"/\", \"ws:\" or \"wss:\"");
        }
        String rest = path.substring(prefix.get().length());
        if (rest.startsWith("//")) {
            // "ws://host/health" would otherwise probe the path "//host/health" on each target.
            throw new InvalidValueException(quote(path) + " must not name a host, since each target is probed "
                    + "(expected e.g. \"" + prefix.get() + "/health\")");
        }
        if (!rest.startsWith("/")) {
            throw new InvalidValueException(quote(path) + " must continue with \"/\" after \"" + prefix.get() + "\"");
        }
        return path;
    };
    private static final ValueType<String> PROBE_TYPE = ValueType.string().check(
            type -> type.equals(HealthChecksConfig.HTTP) || type.equals(HealthChecksConfig.WEBSOCKET),
            type -> quote(type) + " is not supported (expected one of: http, websocket)");

    /** An HTTP field name (RFC 9110 token): a probe with any other name would fail only when it is sent. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** What {@code hash_on} names after its colon, a request's header, cookie or query parameter. */
    private static final List<String> HASH_ON_SOURCES = List.of("header", "cookie", "query");
    private static final ValueType<String> HASH_ON = raw -> {
        String hashOn = ValueType.string().read(raw);
        if (hashOn.equals("client_address")) {
            return hashOn;
        }
        int colon = hashOn.indexOf(':');
        if (colon < 0 || !HASH_ON_SOURCES.contains(hashOn.substring(0, colon)) || colon == hashOn.length() - 1) {
            throw new InvalidValueException(quote(hashOn)
                    + " is not valid (expected client_address, header:<name>, cookie:<name> or query:<name>)");
        }
        if (hashOn.startsWith("header:") && !HEADER_NAME.matcher(hashOn.substring(colon + 1)).matches()) {
            throw new InvalidValueException(
                    quote(hashOn) + " is not valid (expected the header name to be an HTTP token)");
        }
        return hashOn;
    };
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
                server.get("shutdown_grace", NON_NEGATIVE_DURATION, ServerConfig.DEFAULT_SHUTDOWN_GRACE));
    }

    /** Empty when the name is missing or refused, since upstreams are known by name. */
    private Optional<UpstreamConfig> upstream(YamlMap upstream, Set<String> upstreamNames) {
        Optional<String> name = upstream.required("name", NAME);
        if (name.isPresent() && upstreamNames.contains(name.get())) {
            upstream.problem("name", "duplicate upstream name " + quote(name.get()));
        }
        String algorithm = upstream.get("algorithm", ValueType.nonEmptyString(), UpstreamConfig.DEFAULT_ALGORITHM);
        Optional<String> hashOn = upstream.optional("hash_on", HASH_ON);
        List<TargetConfig> targets = targets(upstream.requiredList("targets", TARGET_KEYS));
        WebSocketConfig websocket = websocket(upstream.section("websocket_config", WEBSOCKET_KEYS));
        HealthChecksConfig healthChecks = healthChecks(upstream.section("health_checks", HEALTH_CHECKS_KEYS));
        return name.map(n -> new UpstreamConfig(n, algorithm, targets, websocket, healthChecks, hashOn));
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
        boolean passive = healthChecks.get("passive", ValueType.bool(), defaults.passive());
        Optional<String> path = healthChecks.optional("path", PROBE_PATH);
        Map<String, String> headers = headers(healthChecks);
        int threshold = healthChecks.get("threshold", AT_LEAST_ONE, defaults.threshold());
        Duration interval = healthChecks.get("interval", POSITIVE_DURATION, defaults.interval());
        Optional<String> type = healthChecks.optional("type", PROBE_TYPE);
        // A "ws:" or "wss:" prefix makes the type websocket, and is not part of the path probed.
        Optional<String> prefix = path.flatMap(ConfigSchema::webSocketProbePrefix);
        if (prefix.isPresent() && type.equals(Optional.of(HealthChecksConfig.HTTP))) {
            healthChecks.problem("type", quote(HealthChecksConfig.HTTP) + " contradicts path " + quote(path.get())
                    + " (a \"" + prefix.get() + "\" path probes over WebSocket)");
        }
        return new HealthChecksConfig(
                passive,
                path.map(p -> p.substring(prefix.map(String::length).orElse(0))).orElse(defaults.path()),
                headers,
                threshold,
                interval,
                type.orElse(prefix.isPresent() ? HealthChecksConfig.WEBSOCKET : defaults.type()),
                healthChecks.get("healthy_threshold", AT_LEAST_ONE, defaults.healthyThreshold()),
                healthChecks.get("timeout", POSITIVE_DURATION, defaults.timeout()),
                healthChecks.get("rehome_on_unhealthy", ValueType.bool(), defaults.rehomeOnUnhealthy()),
                healthChecks.get("rehome_window", NON_NEGATIVE_DURATION, defaults.rehomeWindow()));
    }

    /** The {@code ws:} or {@code wss:} that {@code path} starts with, if any. */
    private static Optional<String> webSocketProbePrefix(String path) {
        return WEBSOCKET_PROBE_PREFIXES.stream().filter(path::startsWith).findFirst();
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
