package org.gatehouse.core.config;

import static org.gatehouse.core.config.TestConfigs.MINIMAL;
import static org.gatehouse.core.config.TestConfigs.assertErrors;
import static org.gatehouse.core.config.TestConfigs.parse;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ConfigLoaderTest {

    /** The demo configuration shipped in the distribution, relative to this module. */
    private static final Path DEMO = Path.of("../../distribution/src/main/dist/conf/gatehouse.yaml");

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void loadsTheShippedDemoConfiguration() throws ConfigException {
        GatewayConfig config = ConfigLoader.load(DEMO);

        TargetConfig echoServer = new TargetConfig("127.0.0.1", 9001, "http", Optional.of("/echo"), 1);
        UpstreamConfig echo = new UpstreamConfig("echo", "round-robin", List.of(echoServer), WebSocketConfig.DEFAULTS,
                HealthChecksConfig.DEFAULTS, Optional.empty());
        GatewayConfig expected = new GatewayConfig(new ServerConfig("0.0.0.0", 8080, 10_000, Duration.ofSeconds(10)),
                Map.of("echo", echo), List.of(new RouteConfig("/ws/echo", "echo")));
        assertEquals(expected, config);
    }

    @Test
    public void loadsAFile() throws Exception {
        File file = folder.newFile("gatehouse.yaml");
        Files.writeString(file.toPath(), MINIMAL);

        assertEquals(parse(MINIMAL), ConfigLoader.load(file.toPath()));
    }

    @Test
    public void namesTheFileAsGivenInEveryErrorLine() throws Exception {
        Path file = folder.newFile("gatehouse.yaml").toPath();
        Files.writeString(file, "server: {port: -1, bogus: 1}\n" + MINIMAL);

        ConfigException refusal = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertEquals(List.of(
                file + ": server.bogus: unknown key (expected one of: host, port, max_connections, shutdown_grace)",
                file + ": server.port: -1 is out of range (expected: 0-65535)"), refusal.errors());
    }

    @Test
    public void refusesAMissingFile() {
        Path missing = folder.getRoot().toPath().resolve("missing.yaml");

        ConfigException refusal = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing));

        assertEquals(List.of(missing + ": cannot read: no such file"), refusal.errors());
    }

    @Test
    public void refusesADirectory() throws Exception {
        Path directory = folder.newFolder("conf").toPath();

        ConfigException refusal = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory));

        // The reason comes from the operating system.
        assertEquals(1, refusal.errors().size());
        assertTrue(refusal.errors().get(0), refusal.errors().get(0).startsWith(directory + ": cannot read: "));
    }

    @Test
    public void refusesAFileThatIsNotUtf8() throws Exception {
        Path file = folder.newFile("latin1.yaml").toPath();
        Files.write(file, "server: {host: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1));

        ConfigException refusal = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertEquals(List.of(file + ": cannot read: not UTF-8 text"), refusal.errors());
    }

    @Test
    public void refusesAnEmptyFile() {
        for (String empty : new String[] {"", "   \n", "# only a comment\n", "---\n", "~\n"}) {
            assertErrors(empty, "the file is empty (expected a map with keys: server, upstreams, routes)");
        }
    }

    @Test
    public void refusesADocumentThatIsNotAMap() {
        assertErrors("- server\n- upstreams\n", "expected a map, got a list");
        assertErrors("hello\n", "expected a map, got a string (\"hello\")");
    }

    @Test
    public void reportsASyntaxErrorWithLineAndColumn() {
        assertErrors("""
                server:
                  port: 8080
                   host: x
                """, "line 3, column 8: mapping values are not allowed here");
    }

    @Test
    public void reportsAnUnclosedFlowCollectionWithWhatWasBeingParsed() {
        assertErrors("""
                upstreams: [{name: echo
                routes: []
                """, "line 2, column 7: expected ',' or '}', but got : (while parsing a flow mapping)");
    }

    @Test
    public void reportsTabIndentation() {
        assertErrors("server:\n\tport: 8080\n", "line 2, column 1: found character '\\t(TAB)' that cannot start any "
                + "token. (Do not use \\t(TAB) for indentation) (while scanning for the next token)");
    }

    @Test
    public void refusesDuplicateKeys() {
        assertErrors("""
                server:
                  port: 8080
                  port: 9090
                """ + MINIMAL, "line 3, column 3: found duplicate key port (while constructing a mapping)");
    }

    @Test
    public void refusesDuplicateTopLevelKeys() {
        assertErrors(MINIMAL + TestConfigs.ROUTES,
                "line 6, column 1: found duplicate key routes (while constructing a mapping)");
    }

    @Test
    public void refusesSeveralDocuments() {
        assertErrors(MINIMAL + "---\n" + MINIMAL,
                "line 6, column 1: but found another document (expected a single document in the stream)");
    }

    @Test
    public void reportsAControlCharacterWithLineAndColumn() {
        assertErrors("server:\n  host: a\u0001b\n" + MINIMAL,
                "line 2, column 10: special characters are not allowed (U+0001)");
    }

    @Test
    public void refusesTagsThatWouldBuildJavaObjects() {
        assertErrors("server: !!javax.script.ScriptEngineManager [!!java.net.URL [\"http://localhost/\"]]\n" + MINIMAL,
                "line 1, column 9: Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager");
    }

    @Test
    public void refusesExplicitlyTaggedValuesThatDoNotFitTheirTag() {
        assertErrors("server: {port: !!int abc}\n" + MINIMAL, "invalid tagged value: For input string: \"abc\"");
        assertErrors("server: {shutdown_grace: !!timestamp soon}\n" + MINIMAL, "Unexpected timestamp: soon");
    }

    @Test
    public void keepsSnakeYamlsAliasLimitAgainstBillionLaughs() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char level = 'b'; level <= 'j'; level++) {
            String aliases = String.join(", ", Collections.nCopies(10, "*" + (char) (level - 1)));
            yaml.append(level).append(": &").append(level).append(" [").append(aliases).append("]\n");
        }

        assertErrors(yaml.toString(), "Number of aliases for non-scalar nodes exceeds the specified max=50");
    }

    @Test
    public void acceptsAnchorsAndMergeKeysToShareSettings() throws ConfigException {
        GatewayConfig config = parse("""
                upstreams:
                  - name: a
                    targets: [{host: 10.0.0.1, port: 80}]
                    websocket_config: &fast {ping_period: 5s, pong_wait: 10s}
                  - name: b
                    targets: [{host: 10.0.0.2, port: 80}]
                    websocket_config:
                      <<: *fast
                      compression: false
                routes:
                  - {path: /ws/a, upstream: a}
                """);

        WebSocketConfig a = config.upstreams().get("a").websocket();
        WebSocketConfig b = config.upstreams().get("b").websocket();
        assertEquals(Duration.ofSeconds(5), a.pingPeriod());
        assertEquals(Duration.ofSeconds(10), b.pongWait());
        assertTrue(a.compression());
        assertFalse(b.compression());
    }

    @Test
    public void acceptsATrustGateUpstreamPastedAsJson() throws ConfigException {
        GatewayConfig config = parse("""
                upstreams:
                  - {
                      "name": "chat",
                      "algorithm": "round-robin",
                      "targets": [
                        {"host": "chat.internal", "port": 443, "protocol": "https", "path": "/socket", "weight": 100}
                      ],
                      "health_checks": {
                        "passive": true,
                        "path": "/health",
                        "headers": {"Authorization": "Bearer token"},
                        "threshold": 5,
                        "interval": 30
                      },
                      "websocket_config": {
                        "enable_direct_communication": true,
                        "return_error_details": true,
                        "ping_period": "10s",
                        "pong_wait": "20s",
                        "handshake_timeout": "5s",
                        "read_buffer_size": 4096,
                        "write_buffer_size": 4096
                      }
                    }
                routes:
                  - path: /ws/chat
                    upstream: chat
                """);

        UpstreamConfig chat = config.upstreams().get("chat");
        assertEquals(List.of(new TargetConfig("chat.internal", 443, "https", Optional.of("/socket"), 100)),
                chat.targets());
        assertEquals(new HealthChecksConfig(true, "/health", Map.of("Authorization", "Bearer token"), 5,
                Duration.ofSeconds(30), HealthChecksConfig.HTTP, 2, Duration.ofSeconds(5), false,
                Duration.ofSeconds(30)), chat.healthChecks());
        assertEquals(new WebSocketConfig(true, true, Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(5), 4096, 4096, 16 << 20, true), chat.websocket());
    }

    @Test
    public void acceptsAWholeFileInJson() throws ConfigException {
        GatewayConfig config = parse("""
                {
                  "server": {"port": 9090},
                  "upstreams": [{"name": "echo", "targets": [{"host": "127.0.0.1", "port": 9001}]}],
                  "routes": [{"path": "/ws/echo", "upstream": "echo", "plugins": []}]
                }
                """);

        assertEquals(9090, config.server().port());
        assertEquals(List.of(new RouteConfig("/ws/echo", "echo")), config.routes());
    }

    @Test
    public void aDurationSettingFromElsewhereIsReadLikeTheFile() throws ConfigException {
        assertEquals(Duration.ofMillis(200), ConfigLoader.duration("200ms", "gatehouse.config.poll"));
        assertEquals(Duration.ofSeconds(2), ConfigLoader.duration(" 2 ".trim(), "gatehouse.config.poll"));
    }

    @Test
    public void aBadDurationSettingIsRefusedWithItsName() {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> ConfigLoader.duration("soon", "gatehouse.config.poll"));

        assertEquals(List.of("gatehouse.config.poll: \"soon\" is not a duration (expected e.g. 500ms, 30s, 2m)"),
                refused.errors());
    }
}
