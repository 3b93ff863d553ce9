package org.gatehouse.core.config;

import static org.gatehouse.core.config.TestConfigs.MINIMAL;
import static org.gatehouse.core.config.TestConfigs.assertErrors;
import static org.gatehouse.core.config.TestConfigs.parse;
import static org.gatehouse.core.config.TestConfigs.withServer;
import static org.junit.Assert.assertEquals;

import java.time.Duration;

import org.junit.Test;

public class ServerSectionTest {

    @Test
    public void readsEveryKey() throws ConfigException {
        ServerConfig server =
                parse(withServer("{host: 127.0.0.1, port: 9090, max_connections: 50, shutdown_grace: 2m}")).server();

        assertEquals(new ServerConfig("127.0.0.1", 9090, 50, Duration.ofMinutes(2)), server);
    }

    @Test
    public void refusesAServerSectionThatIsNotAMap() {
        assertErrors(withServer("8080"), "server: expected a map, got an integer (8080)");
        assertErrors(withServer("[host, port]"), "server: expected a map, got a list");
    }

    @Test
    public void refusesAnUnknownKey() {
        assertErrors(withServer("{bogus: 1}"),
                "server.bogus: unknown key (expected one of: host, port, max_connections, shutdown_grace)");
    }

    @Test
    public void refusesAnEmptyHost() {
        assertErrors(withServer("{host: ''}"), "server.host: expected a non-empty string, got an empty string");
    }

    @Test
    public void refusesAHostThatIsNotAString() {
        assertErrors(withServer("{host: 1}"), "server.host: expected a string, got an integer (1)");
        assertErrors(withServer("{host: [a, b]}"), "server.host: expected a string, got a list");
    }

    @Test
    public void acceptsPortZeroForAnyFreePort() throws ConfigException {
        assertEquals(0, parse(withServer("{port: 0}")).server().port());
        assertEquals(65_535, parse(withServer("{port: 65535}")).server().port());
    }

    @Test
    public void refusesAPortOutOfRange() {
        assertErrors(withServer("{port: 70000}"), "server.port: 70000 is out of range (expected: 0-65535)");
        assertErrors(withServer("{port: -1}"), "server.port: -1 is out of range (expected: 0-65535)");
        assertErrors(withServer("{port: 99999999999999999999}"),
                "server.port: 99999999999999999999 is out of range (expected: 0-65535)");
    }

    @Test
    public void refusesAPortThatIsNotAnInteger() {
        assertErrors(withServer("{port: abc}"), "server.port: expected an integer, got a string (\"abc\")");
        assertErrors(withServer("{port: '8080'}"), "server.port: expected an integer, got a string (\"8080\")");
        assertErrors(withServer("{port: 80.5}"), "server.port: expected an integer, got a float (80.5)");
        assertErrors(withServer("{port: true}"), "server.port: expected an integer, got a boolean (true)");
    }

    @Test
    public void refusesMaxConnectionsBelowOne() {
        assertErrors(withServer("{max_connections: 0}"),
                "server.max_connections: 0 is out of range (expected: 1-2147483647)");
    }

    @Test
    public void refusesMaxConnectionsBeyondAnInt() {
        assertErrors(withServer("{max_connections: 2147483648}"),
                "server.max_connections: 2147483648 is out of range (expected: 1-2147483647)");
    }

    @Test
    public void acceptsAZeroShutdownGrace() throws ConfigException {
        assertEquals(Duration.ZERO, parse(withServer("{shutdown_grace: 0}")).server().shutdownGrace());
        assertEquals(Duration.ZERO, parse(withServer("{shutdown_grace: 0s}")).server().shutdownGrace());
    }

    @Test
    public void readsABareShutdownGraceAsSeconds() throws ConfigException {
        assertEquals(Duration.ofSeconds(15), parse(withServer("{shutdown_grace: 15}")).server().shutdownGrace());
        assertEquals(Duration.ofSeconds(15), parse(withServer("{shutdown_grace: '15'}")).server().shutdownGrace());
    }

    @Test
    public void refusesANegativeShutdownGrace() {
        assertErrors(withServer("{shutdown_grace: -1s}"),
                "server.shutdown_grace: -1s is out of range (expected: 0s-24h)");
        assertErrors(withServer("{shutdown_grace: -1}"),
                "server.shutdown_grace: -1 is out of range (expected: 0s-24h)");
    }

    @Test
    public void refusesAShutdownGraceBeyondTheMaximum() {
        assertErrors(withServer("{shutdown_grace: 25h}"),
                "server.shutdown_grace: 25h is out of range (expected: 0s-24h)");
    }

    @Test
    public void refusesAShutdownGraceThatIsNotADuration() {
        assertErrors(withServer("{shutdown_grace: soon}"),
                "server.shutdown_grace: \"soon\" is not a duration (expected e.g. 500ms, 30s, 2m)");
        assertErrors(withServer("{shutdown_grace: 1.5}"),
                "server.shutdown_grace: expected a duration (e.g. 500ms, 30s, 2m), got a float (1.5)");
        assertErrors(withServer("{shutdown_grace: true}"),
                "server.shutdown_grace: expected a duration (e.g. 500ms, 30s, 2m), got a boolean (true)");
    }

    @Test
    public void reportsEveryProblemInTheSection() {
        assertErrors("""
                server:
                  host: ""
                  port: 70000
                  max_connections: 0
                  shutdown_grace: 3x
                """ + MINIMAL,
                "server.host: expected a non-empty string, got an empty string",
                "server.port: 70000 is out of range (expected: 0-65535)",
                "server.max_connections: 0 is out of range (expected: 1-2147483647)",
                "server.shutdown_grace: \"3x\" is not a duration (expected e.g. 500ms, 30s, 2m)");
    }
}
