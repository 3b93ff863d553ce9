package org.gatehouse.core.config;

import static org.gatehouse.core.config.TestConfigs.assertErrors;
import static org.gatehouse.core.config.TestConfigs.parse;
import static org.gatehouse.core.config.TestConfigs.withHealthChecks;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.Test;

public class HealthChecksSectionTest {

    private static final String PATH = "upstreams[0].health_checks.";

    private static final String UNKNOWN_KEY = "unknown key (expected one of: passive, path, headers, threshold, "
            + "interval, type, healthy_threshold, timeout, rehome_on_unhealthy, rehome_window)";

    @Test
    public void readsEveryKey() throws ConfigException {
        assertEquals(new HealthChecksConfig(true, "/health", Map.of("Authorization", "Bearer x", "X-Probe", "1"), 5,
                        Duration.ofSeconds(30), "websocket", 3, Duration.ofMillis(1500), true, Duration.ofMinutes(2)),
                read("{passive: true, path: /health, headers: {Authorization: Bearer x, X-Probe: '1'}, threshold: 5, "
                        + "interval: 30, type: websocket, healthy_threshold: 3, timeout: 1500ms, "
                        + "rehome_on_unhealthy: true, rehome_window: 2m}"));
    }

    @Test
    public void readsABareIntervalAsSecondsAndAStringWithAUnit() throws ConfigException {
        assertEquals(Duration.ofSeconds(90), read("{interval: 90}").interval());
        assertEquals(Duration.ofMinutes(2), read("{interval: 2m}").interval());
    }

    @Test
    public void probesOverHttpByDefault() throws ConfigException {
        HealthChecksConfig config = read("{path: /health}");

        assertEquals("http", config.type());
        assertEquals("/health", config.path());
        assertTrue(config.active());
    }

    @Test
    public void aWsOrWssPrefixMakesTheTypeWebSocketAndIsStrippedFromThePath() throws ConfigException {
        HealthChecksConfig ws = read("{path: 'ws:/probe'}");
        HealthChecksConfig wss = read("{path: 'wss:/probe?deep=1'}");

        assertEquals("websocket", ws.type());
        assertEquals("/probe", ws.path());
        assertTrue(ws.active());
        assertEquals("websocket", wss.type());
        assertEquals("/probe?deep=1", wss.path());
    }

    @Test
    public void readsAnExplicitType() throws ConfigException {
        assertEquals("websocket", read("{type: websocket, path: /probe}").type());
        assertEquals("/probe", read("{type: websocket, path: /probe}").path());
        assertEquals("websocket", read("{type: websocket, path: 'ws:/probe'}").type());
        assertEquals("/probe", read("{type: websocket, path: 'ws:/probe'}").path());
        assertEquals("http", read("{type: http, path: /probe}").type());
    }

    @Test
    public void anEmptyPathTurnsActiveChecksOffWhateverTheType() throws ConfigException {
        assertFalse(read("{path: ''}").active());
        assertFalse(read("{type: websocket}").active());
        assertEquals("websocket", read("{type: websocket}").type());
    }

    @Test
    public void refusesAnHttpTypeWithAWebSocketPath() {
        assertErrors(withHealthChecks("{type: http, path: 'ws:/probe'}"),
                PATH + "type: \"http\" contradicts path \"ws:/probe\" (a \"ws:\" path probes over WebSocket)");
        assertErrors(withHealthChecks("{path: 'wss:/probe', type: http}"),
                PATH + "type: \"http\" contradicts path \"wss:/probe\" (a \"wss:\" path probes over WebSocket)");
    }

    @Test
    public void refusesAnUnknownType() {
        assertErrors(withHealthChecks("{type: tcp, path: /probe}"),
                PATH + "type: \"tcp\" is not supported (expected one of: http, websocket)");
        assertErrors(withHealthChecks("{type: HTTP, path: /probe}"),
                PATH + "type: \"HTTP\" is not supported (expected one of: http, websocket)");
        assertErrors(withHealthChecks("{type: ws, path: 'ws:/probe'}"),
                PATH + "type: \"ws\" is not supported (expected one of: http, websocket)");
    }

    @Test
    public void refusesATypeThatIsNotAString() {
        assertErrors(withHealthChecks("{type: 1}"), PATH + "type: expected a string, got an integer (1)");
    }

    @Test
    public void refusesAWebSocketPathWithoutASlashAfterThePrefix() {
        assertErrors(withHealthChecks("{path: 'ws:probe'}"),
                PATH + "path: \"ws:probe\" must continue with \"/\" after \"ws:\"");
        assertErrors(withHealthChecks("{path: 'wss:'}"),
                PATH + "path: \"wss:\" must continue with \"/\" after \"wss:\"");
    }

    @Test
    public void refusesAWebSocketPathThatNamesAHost() {
        assertErrors(withHealthChecks("{path: 'ws://127.0.0.1:9001/health'}"),
                PATH + "path: \"ws://127.0.0.1:9001/health\" must not name a host, since each target is probed "
                        + "(expected e.g. \"ws:/health\")");
        assertErrors(withHealthChecks("{path: 'wss://example.com/health'}"),
                PATH + "path: \"wss://example.com/health\" must not name a host, since each target is probed "
                        + "(expected e.g. \"wss:/health\")");
    }

    @Test
    public void refusesAnUnknownKey() {
        assertErrors(withHealthChecks("{unhealthy_threshold: 2}"), PATH + "unhealthy_threshold: " + UNKNOWN_KEY);
    }

    @Test
    public void refusesPassiveThatIsNotABoolean() {
        assertErrors(withHealthChecks("{passive: 'false'}"),
                PATH + "passive: expected a boolean, got a string (\"false\")");
    }

    @Test
    public void refusesAPathWithoutASlashOrWebSocketScheme() {
        assertErrors(withHealthChecks("{path: health}"),
                PATH + "path: \"health\" must be empty or start with \"/\", \"ws:\" or \"wss:\"");
        assertErrors(withHealthChecks("{path: 'http://x/health'}"),
                PATH + "path: \"http://x/health\" must be empty or start with \"/\", \"ws:\" or \"wss:\"");
    }

    @Test
    public void refusesHeadersThatAreNotAMap() {
        assertErrors(withHealthChecks("{headers: [Authorization]}"), PATH + "headers: expected a map, got a list");
    }

    @Test
    public void refusesAHeaderValueThatIsNotAString() {
        assertErrors(withHealthChecks("{headers: {X-Count: 5, X-Empty: null}}"),
                PATH + "headers.X-Count: expected a string, got an integer (5)",
                PATH + "headers.X-Empty: expected a string, got null");
    }

    @Test
    public void refusesAHeaderNameThatIsNotAnHttpToken() {
        assertErrors(withHealthChecks("{headers: {'X Probe': a, 'X:Y': b, 7: c, '': d}}"),
                PATH + "headers: expected header names to be HTTP tokens, got a string (\"X Probe\")",
                PATH + "headers: expected header names to be HTTP tokens, got a string (\"X:Y\")",
                PATH + "headers: expected header names to be HTTP tokens, got an integer (7)",
                PATH + "headers: expected header names to be HTTP tokens, got a string (\"\")");
    }

    @Test
    public void refusesAHeaderValueWithAControlCharacter() {
        assertErrors(withHealthChecks("{headers: {X-Probe: \"a\\r\\nInjected: b\"}}"),
                PATH + "headers.X-Probe: \"a\\r\\nInjected: b\" contains a control character");
    }

    @Test
    public void acceptsATabInAHeaderValue() throws ConfigException {
        assertEquals(Map.of("X-Probe", "a\tb"), read("{headers: {X-Probe: \"a\\tb\"}}").headers());
    }

    @Test
    public void refusesAThresholdBelowOne() {
        assertErrors(withHealthChecks("{threshold: 0}"),
                PATH + "threshold: 0 is out of range (expected: 1-2147483647)");
    }

    @Test
    public void refusesAZeroOrNegativeInterval() {
        assertErrors(withHealthChecks("{interval: 0}"), PATH + "interval: 0 is out of range (expected: 1ms-24h)");
        assertErrors(withHealthChecks("{interval: -60}"), PATH + "interval: -60 is out of range (expected: 1ms-24h)");
    }

    @Test
    public void refusesAnIntervalThatIsNotADuration() {
        assertErrors(withHealthChecks("{interval: 1m30s}"),
                PATH + "interval: \"1m30s\" is not a duration (expected e.g. 500ms, 30s, 2m)");
    }

    @Test
    public void readsAHealthyThreshold() throws ConfigException {
        assertEquals(1, read("{healthy_threshold: 1}").healthyThreshold());
        assertEquals(10, read("{healthy_threshold: 10}").healthyThreshold());
    }

    @Test
    public void refusesAHealthyThresholdBelowOne() {
        assertErrors(withHealthChecks("{healthy_threshold: 0}"),
                PATH + "healthy_threshold: 0 is out of range (expected: 1-2147483647)");
        assertErrors(withHealthChecks("{healthy_threshold: -2}"),
                PATH + "healthy_threshold: -2 is out of range (expected: 1-2147483647)");
    }

    @Test
    public void refusesAHealthyThresholdThatIsNotAnInteger() {
        assertErrors(withHealthChecks("{healthy_threshold: '2'}"),
                PATH + "healthy_threshold: expected an integer, got a string (\"2\")");
        assertErrors(withHealthChecks("{healthy_threshold: 1.5}"),
                PATH + "healthy_threshold: expected an integer, got a float (1.5)");
    }

    @Test
    public void readsATimeoutAsSecondsOrWithAUnit() throws ConfigException {
        assertEquals(Duration.ofSeconds(3), read("{timeout: 3}").timeout());
        assertEquals(Duration.ofMillis(250), read("{timeout: 250ms}").timeout());
        assertEquals(Duration.ofMillis(1), read("{timeout: 1ms}").timeout());
    }

    @Test
    public void refusesAZeroNegativeOrTooLongTimeout() {
        assertErrors(withHealthChecks("{timeout: 0}"), PATH + "timeout: 0 is out of range (expected: 1ms-24h)");
        assertErrors(withHealthChecks("{timeout: -5s}"), PATH + "timeout: -5s is out of range (expected: 1ms-24h)");
        assertErrors(withHealthChecks("{timeout: 25h}"), PATH + "timeout: 25h is out of range (expected: 1ms-24h)");
    }

    @Test
    public void refusesATimeoutThatIsNotADuration() {
        assertErrors(withHealthChecks("{timeout: soon}"),
                PATH + "timeout: \"soon\" is not a duration (expected e.g. 500ms, 30s, 2m)");
        assertErrors(withHealthChecks("{timeout: true}"),
                PATH + "timeout: expected a duration (e.g. 500ms, 30s, 2m), got a boolean (true)");
    }

    @Test
    public void readsRehomeOnUnhealthy() throws ConfigException {
        assertTrue(read("{rehome_on_unhealthy: true}").rehomeOnUnhealthy());
        assertFalse(read("{rehome_on_unhealthy: false}").rehomeOnUnhealthy());
    }

    @Test
    public void refusesRehomeOnUnhealthyThatIsNotABoolean() {
        assertErrors(withHealthChecks("{rehome_on_unhealthy: 'true'}"),
                PATH + "rehome_on_unhealthy: expected a boolean, got a string (\"true\")");
        assertErrors(withHealthChecks("{rehome_on_unhealthy: 1}"),
                PATH + "rehome_on_unhealthy: expected a boolean, got an integer (1)");
    }

    @Test
    public void readsARehomeWindowIncludingZero() throws ConfigException {
        assertEquals(Duration.ZERO, read("{rehome_window: 0}").rehomeWindow());
        assertEquals(Duration.ZERO, read("{rehome_window: 0ms}").rehomeWindow());
        assertEquals(Duration.ofSeconds(90), read("{rehome_window: 90}").rehomeWindow());
        assertEquals(Duration.ofMinutes(5), read("{rehome_window: 5m}").rehomeWindow());
    }

    @Test
    public void refusesANegativeOrTooLongRehomeWindow() {
        assertErrors(withHealthChecks("{rehome_window: -1}"),
                PATH + "rehome_window: -1 is out of range (expected: 0s-24h)");
        assertErrors(withHealthChecks("{rehome_window: 25h}"),
                PATH + "rehome_window: 25h is out of range (expected: 0s-24h)");
    }

    @Test
    public void refusesARehomeWindowThatIsNotADuration() {
        assertErrors(withHealthChecks("{rehome_window: 30 s}"),
                PATH + "rehome_window: \"30 s\" is not a duration (expected e.g. 500ms, 30s, 2m)");
    }

    @Test
    public void reportsEveryProblemOfTheSectionInKeyOrder() {
        assertErrors(withHealthChecks("{rehome_window: -1s, timeout: 0, type: http, healthy_threshold: 0, "
                        + "rehome_on_unhealthy: sometimes, path: 'ws:/probe', probe: x}"),
                PATH + "probe: " + UNKNOWN_KEY,
                PATH + "type: \"http\" contradicts path \"ws:/probe\" (a \"ws:\" path probes over WebSocket)",
                PATH + "healthy_threshold: 0 is out of range (expected: 1-2147483647)",
                PATH + "timeout: 0 is out of range (expected: 1ms-24h)",
                PATH + "rehome_on_unhealthy: expected a boolean, got a string (\"sometimes\")",
                PATH + "rehome_window: -1s is out of range (expected: 0s-24h)");
    }

    private static HealthChecksConfig read(String healthChecks) throws ConfigException {
        return parse(withHealthChecks(healthChecks)).upstreams().get("echo").healthChecks();
    }
}
