package org.gatehouse.core.config;

import static org.gatehouse.core.config.TestConfigs.ROUTES;
import static org.gatehouse.core.config.TestConfigs.assertErrors;
import static org.gatehouse.core.config.TestConfigs.parse;
import static org.gatehouse.core.config.TestConfigs.withTargets;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.Test;

public class UpstreamsSectionTest {

    @Test
    public void readsEveryTargetKey() throws ConfigException {
        TargetConfig target = parse(withTargets("{host: ws.example.com, port: 443, protocol: https, path: /socket, "
                + "weight: 5}")).upstreams().get("echo").targets().get(0);

        assertEquals(new TargetConfig("ws.example.com", 443, "https", Optional.of("/socket"), 5), target);
        assertTrue(target.secure());
    }

    @Test
    public void readsAnotherAlgorithm() throws ConfigException {
        GatewayConfig config = parse("""
                upstreams:
                  - name: echo
                    algorithm: least-connections
                    targets: [{host: 127.0.0.1, port: 9001}]
                """ + ROUTES);

        assertEquals("least-connections", config.upstreams().get("echo").algorithm());
    }

    @Test
    public void requiresUpstreams() {
        assertErrors(ROUTES, "upstreams: required", "routes[0].upstream: no upstream named \"echo\"");
    }

    @Test
    public void refusesAnEmptyListOfUpstreams() {
        assertErrors("upstreams: []\n" + ROUTES, "upstreams: expected at least one entry, got an empty list",
                "routes[0].upstream: no upstream named \"echo\"");
    }

    @Test
    public void refusesUpstreamsThatAreNotAList() {
        assertErrors("upstreams: {name: echo}\n" + ROUTES, "upstreams: expected a list, got a map",
                "routes[0].upstream: no upstream named \"echo\"");
    }

    @Test
    public void refusesAnUpstreamThatIsNotAMap() {
        assertErrors("upstreams: [echo]\n" + ROUTES, "upstreams[0]: expected a map, got a string (\"echo\")",
                "routes[0].upstream: no upstream named \"echo\"");
    }

    @Test
    public void refusesAnUnknownUpstreamKey() {
        assertErrors("""
                upstreams:
                  - name: echo
                    tags: [demo]
                    targets: [{host: 127.0.0.1, port: 9001}]
                """ + ROUTES, "upstreams[0].tags: unknown key (expected one of: name, algorithm, hash_on, targets, "
                + "websocket_config, health_checks)");
    }

    @Test
    public void requiresAName() {
        assertErrors("""
                upstreams:
                  - targets: [{host: 127.0.0.1, port: 9001}]
                """ + ROUTES, "upstreams[0].name: required", "routes[0].upstream: no upstream named \"echo\"");
    }

    @Test
    public void refusesAnEmptyName() {
        assertErrors("""
                upstreams:
                  - name: ""
                    targets: [{host: 127.0.0.1, port: 9001}]
                """ + ROUTES, "upstreams[0].name: expected a non-empty string, got an empty string",
                "routes[0].upstream: no upstream named \"echo\"");
    }

    @Test
    public void refusesADuplicateName() {
        assertErrors("""
                upstreams:
                  - name: echo
                    targets: [{host: 127.0.0.1, port: 9001}]
                  - name: echo
                    targets: [{host: 127.0.0.1, port: 9002}]
                """ + ROUTES, "upstreams[1].name: duplicate upstream name \"echo\"");
    }

    @Test
    public void refusesAnEmptyAlgorithm() {
        assertErrors("""
                upstreams:
                  - name: echo
                    algorithm: ""
                    targets: [{host: 127.0.0.1, port: 9001}]
                """ + ROUTES, "upstreams[0].algorithm: expected a non-empty string, got an empty string");
    }

    @Test
    public void readsEachFormOfHashOn() throws ConfigException {
        assertEquals(Optional.of("client_address"), hashOn("client_address"));
        assertEquals(Optional.of("header:X-User-Id"), hashOn("header:X-User-Id"));
        assertEquals(Optional.of("cookie:session"), hashOn("cookie:session"));
        assertEquals(Optional.of("query:room"), hashOn("query:room"));
    }

    @Test
    public void keepsEverythingAfterTheFirstColonAsACookieOrQueryName() throws ConfigException {
        assertEquals(Optional.of("cookie:a:b"), hashOn("'cookie:a:b'"));
        assertEquals(Optional.of("query:room id"), hashOn("'query:room id'"));
    }

    @Test
    public void leavesHashOnEmptyWhenAbsentOrNull() throws ConfigException {
        assertEquals(Optional.empty(), parse(withTargets("{host: a, port: 1}")).upstreams().get("echo").hashOn());
        assertEquals(Optional.empty(), hashOn("null"));
    }

    @Test
    public void refusesAnUnknownHashOn() {
        for (String hashOn : List.of("ip", "client", "Client_Address", "header", "body:x", "Header:X-User", ":x",
                "client_address:x", "")) {
            assertErrors(withHashOn("'" + hashOn + "'"), "upstreams[0].hash_on: " + YamlValues.quote(hashOn)
                    + " is not valid (expected client_address, header:<name>, cookie:<name> or query:<name>)");
        }
    }

    @Test
    public void refusesAHashOnWithAnEmptyName() {
        for (String hashOn : List.of("header:", "cookie:", "query:")) {
            assertErrors(withHashOn("'" + hashOn + "'"), "upstreams[0].hash_on: \"" + hashOn
                    + "\" is not valid (expected client_address, header:<name>, cookie:<name> or query:<name>)");
        }
    }

    @Test
    public void refusesAHashOnHeaderNameThatIsNotAnHttpToken() {
        assertErrors(withHashOn("'header:X User'"),
                "upstreams[0].hash_on: \"header:X User\" is not valid (expected the header name to be an HTTP token)");
        assertErrors(withHashOn("'header:X:Y'"),
                "upstreams[0].hash_on: \"header:X:Y\" is not valid (expected the header name to be an HTTP token)");
    }

    @Test
    public void refusesAHashOnThatIsNotAString() {
        assertErrors(withHashOn("1"), "upstreams[0].hash_on: expected a string, got an integer (1)");
        assertErrors(withHashOn("[header:a]"), "upstreams[0].hash_on: expected a string, got a list");
    }

    @Test
    public void requiresTargets() {
        assertErrors("""
                upstreams:
                  - name: echo
                """ + ROUTES, "upstreams[0].targets: required");
    }

    @Test
    public void refusesAnEmptyListOfTargets() {
        assertErrors(withTargets(), "upstreams[0].targets: expected at least one entry, got an empty list");
    }

    @Test
    public void refusesATargetThatIsNotAMap() {
        assertErrors(withTargets("127.0.0.1:9001"),
                "upstreams[0].targets[0]: expected a map, got a string (\"127.0.0.1:9001\")");
    }

    @Test
    public void refusesAnUnknownTargetKey() {
        assertErrors(withTargets("{host: 127.0.0.1, port: 9001, proxy: x}"),
                "upstreams[0].targets[0].proxy: unknown key (expected one of: host, port, protocol, path, weight)");
    }

    @Test
    public void requiresAHostAndAPort() {
        assertErrors(withTargets("{protocol: http}"),
                "upstreams[0].targets[0].host: required", "upstreams[0].targets[0].port: required");
    }

    @Test
    public void refusesAnEmptyHost() {
        assertErrors(withTargets("{host: '', port: 9001}"),
                "upstreams[0].targets[0].host: expected a non-empty string, got an empty string");
    }

    @Test
    public void refusesATargetPortOutOfRange() {
        assertErrors(withTargets("{host: a, port: 0}"),
                "upstreams[0].targets[0].port: 0 is out of range (expected: 1-65535)");
        assertErrors(withTargets("{host: a, port: 65536}"),
                "upstreams[0].targets[0].port: 65536 is out of range (expected: 1-65535)");
    }

    @Test
    public void refusesATargetPortThatIsNotAnInteger() {
        assertErrors(withTargets("{host: a, port: '9001'}"),
                "upstreams[0].targets[0].port: expected an integer, got a string (\"9001\")");
    }

    @Test
    public void refusesAProtocolOtherThanHttpOrHttps() {
        assertErrors(withTargets("{host: a, port: 1, protocol: ws}"),
                "upstreams[0].targets[0].protocol: \"ws\" is not supported (expected one of: http, https)");
        assertErrors(withTargets("{host: a, port: 1, protocol: HTTP}"),
                "upstreams[0].targets[0].protocol: \"HTTP\" is not supported (expected one of: http, https)");
    }

    @Test
    public void refusesAPathThatDoesNotStartWithASlash() {
        assertErrors(withTargets("{host: a, port: 1, path: echo}"),
                "upstreams[0].targets[0].path: \"echo\" must start with \"/\"");
    }

    @Test
    public void refusesAWeightBelowOne() {
        assertErrors(withTargets("{host: a, port: 1, weight: 0}"),
                "upstreams[0].targets[0].weight: 0 is out of range (expected: 1-2147483647)");
    }

    @Test
    public void refusesADuplicateTarget() {
        assertErrors(withTargets("{host: 127.0.0.1, port: 9001}", "{host: 127.0.0.1, port: 9001, weight: 2}"),
                "upstreams[0].targets[1]: duplicate target 127.0.0.1:9001");
    }

    @Test
    public void acceptsTheSameHostOnAnotherPort() throws ConfigException {
        List<TargetConfig> targets = parse(withTargets("{host: a, port: 1}", "{host: a, port: 2}"))
                .upstreams().get("echo").targets();

        assertEquals(2, targets.size());
    }

    @Test
    public void reportsTheIndexOfEachUpstreamAndTarget() {
        assertErrors("""
                upstreams:
                  - name: one
                    targets: [{host: a, port: 1}]
                  - name: two
                    targets:
                      - {host: a, port: 1}
                      - {host: b, port: 70000}
                routes:
                  - {path: /ws/one, upstream: one}
                """, "upstreams[1].targets[1].port: 70000 is out of range (expected: 1-65535)");
    }

    private static Optional<String> hashOn(String hashOn) throws ConfigException {
        return parse(withHashOn(hashOn)).upstreams().get("echo").hashOn();
    }

    private static String withHashOn(String hashOn) {
        return """
                upstreams:
                  - name: echo
                    algorithm: consistent-hash
                    hash_on: %s
                    targets: [{host: 127.0.0.1, port: 9001}]
                """.formatted(hashOn) + ROUTES;
    }
}
