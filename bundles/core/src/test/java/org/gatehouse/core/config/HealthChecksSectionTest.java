package org.gatehouse.core.config;

import static org.gatehouse.core.config.TestConfigs.assertErrors;
import static org.gatehouse.core.config.TestConfigs.parse;
import static org.gatehouse.core.config.TestConfigs.withHealthChecks;
import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.Test;

public class HealthChecksSectionTest {

    private static final String PATH = "upstreams[0].health_checks.";

    @Test
    public void readsEveryKey() throws ConfigException {
        assertEquals(new HealthChecksConfig(true, "/health", Map.of("Authorization", "Bearer x", "X-Probe", "1"), 5,
                        Duration.ofSeconds(30)),
                read("{passive: true, path: /health, headers: {Authorization: Bearer x, X-Probe: '1'}, threshold: 5, "
                        + "interval: 30}"));
    }

    @Test
    public void readsABareIntervalAsSecondsAndAStringWithAUnit() throws ConfigException {
        assertEquals(Duration.ofSeconds(90), read("{interval: 90}").interval());
        assertEquals(Duration.ofMinutes(2), read("{interval: 2m}").interval());
    }

    @Test
    public void acceptsWebSocketProbePaths() throws ConfigException {
        assertEquals("ws://127.0.0.1:9001/health", read("{path: 'ws://127.0.0.1:9001/health'}").path());
        assertEquals("wss://example.com/health", read("{path: 'wss://example.com/health'}").path());
        assertEquals("", read("{path: ''}").path());
    }

    @Test
    public void refusesAnUnknownKey() {
        assertErrors(withHealthChecks("{timeout: 5s}"),
                PATH + "timeout: unknown key (expected one of: passive, path, headers, threshold, interval)");
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

    private static HealthChecksConfig read(String healthChecks) throws ConfigException {
        return parse(withHealthChecks(healthChecks)).upstreams().get("echo").healthChecks();
    }
}
