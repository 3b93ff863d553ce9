package org.gatehouse.core.config;

import static org.gatehouse.core.config.TestConfigs.assertErrors;
import static org.gatehouse.core.config.TestConfigs.parse;
import static org.gatehouse.core.config.TestConfigs.withWebSocketConfig;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

import org.junit.Test;

public class WebSocketConfigSectionTest {

    private static final String PATH = "upstreams[0].websocket_config.";

    @Test
    public void readsEveryKey() throws ConfigException {
        assertEquals(new WebSocketConfig(true, true, Duration.ofSeconds(10), Duration.ofMinutes(1),
                        Duration.ofMillis(2500), 8192, 64 * 1024, 1 << 30, false),
                read("""
                        {enable_direct_communication: true, return_error_details: true, ping_period: 10s,
                         pong_wait: 1m, handshake_timeout: 2500ms, read_buffer_size: 8192, write_buffer_size: 64KiB,
                         max_message_size: 1GiB, compression: false}"""));
    }

    @Test
    public void readsBareDurationsAsSeconds() throws ConfigException {
        WebSocketConfig config = read("{ping_period: 20, pong_wait: '40', handshake_timeout: 3}");

        assertEquals(Duration.ofSeconds(20), config.pingPeriod());
        assertEquals(Duration.ofSeconds(40), config.pongWait());
        assertEquals(Duration.ofSeconds(3), config.handshakeTimeout());
    }

    @Test
    public void readsSizesWrittenAsDigitStrings() throws ConfigException {
        assertEquals(2048, read("{read_buffer_size: '2048'}").readBufferSize());
    }

    @Test
    public void acceptsYamlBooleanSpellings() throws ConfigException {
        assertFalse(read("{compression: no}").compression());
        assertTrue(read("{compression: on}").compression());
    }

    @Test
    public void refusesASectionThatIsNotAMap() {
        assertErrors(withWebSocketConfig("[]"), "upstreams[0].websocket_config: expected a map, got a list");
    }

    @Test
    public void refusesAnUnknownKey() {
        assertErrors(withWebSocketConfig("{write_wait: 10s}"), PATH + "write_wait: unknown key (expected one of: "
                + "enable_direct_communication, return_error_details, ping_period, pong_wait, handshake_timeout, "
                + "read_buffer_size, write_buffer_size, max_message_size, compression)");
    }

    @Test
    public void refusesFlagsThatAreNotBooleans() {
        assertErrors(withWebSocketConfig("{enable_direct_communication: 1}"),
                PATH + "enable_direct_communication: expected a boolean, got an integer (1)");
        assertErrors(withWebSocketConfig("{return_error_details: 'true'}"),
                PATH + "return_error_details: expected a boolean, got a string (\"true\")");
        assertErrors(withWebSocketConfig("{compression: 'yes'}"),
                PATH + "compression: expected a boolean, got a string (\"yes\")");
    }

    @Test
    public void refusesAPingPeriodThatIsNotADuration() {
        assertErrors(withWebSocketConfig("{ping_period: 3x}"),
                PATH + "ping_period: \"3x\" is not a duration (expected e.g. 500ms, 30s, 2m)");
    }

    @Test
    public void refusesZeroDurations() {
        assertErrors(withWebSocketConfig("{ping_period: 0s}"),
                PATH + "ping_period: 0s is out of range (expected: 1ms-24h)");
        assertErrors(withWebSocketConfig("{handshake_timeout: 0}"),
                PATH + "handshake_timeout: 0 is out of range (expected: 1ms-24h)");
    }

    @Test
    public void refusesDurationsBeyondTheMaximum() {
        assertErrors(withWebSocketConfig("{ping_period: 12h, pong_wait: 48h}"),
                PATH + "pong_wait: 48h is out of range (expected: 1ms-24h)");
    }

    @Test
    public void refusesAPongWaitNotGreaterThanThePingPeriod() {
        assertErrors(withWebSocketConfig("{ping_period: 30s, pong_wait: 10s}"),
                PATH + "pong_wait: 10s must be greater than ping_period (30s)");
        assertErrors(withWebSocketConfig("{ping_period: 30s, pong_wait: 30000ms}"),
                PATH + "pong_wait: 30s must be greater than ping_period (30s)");
    }

    @Test
    public void comparesAPingPeriodWithTheDefaultPongWait() {
        assertErrors(withWebSocketConfig("{ping_period: 1m}"),
                PATH + "pong_wait: 45s must be greater than ping_period (1m)");
    }

    @Test
    public void doesNotCompareWithAPingPeriodThatWasRefused() {
        assertErrors(withWebSocketConfig("{ping_period: 3x, pong_wait: 1s}"),
                PATH + "ping_period: \"3x\" is not a duration (expected e.g. 500ms, 30s, 2m)");
    }

    @Test
    public void acceptsBufferSizesAtBothEndsOfTheRange() throws ConfigException {
        WebSocketConfig config = read("{read_buffer_size: 64, write_buffer_size: 16MiB}");

        assertEquals(64, config.readBufferSize());
        assertEquals(16 << 20, config.writeBufferSize());
    }

    @Test
    public void refusesBufferSizesOutOfRange() {
        assertErrors(withWebSocketConfig("{read_buffer_size: 63}"),
                PATH + "read_buffer_size: 63 is out of range (expected: 64-16MiB)");
        assertErrors(withWebSocketConfig("{write_buffer_size: 32MiB}"),
                PATH + "write_buffer_size: 32MiB is out of range (expected: 64-16MiB)");
    }

    @Test
    public void refusesSizesInOtherForms() {
        assertErrors(withWebSocketConfig("{read_buffer_size: 16MB}"),
                PATH + "read_buffer_size: \"16MB\" is not a size (expected e.g. 4096, 64KiB, 16MiB)");
        assertErrors(withWebSocketConfig("{max_message_size: 1.5MiB}"),
                PATH + "max_message_size: \"1.5MiB\" is not a size (expected e.g. 4096, 64KiB, 16MiB)");
        assertErrors(withWebSocketConfig("{max_message_size: 1.5}"),
                PATH + "max_message_size: expected a size (e.g. 4096, 64KiB, 16MiB), got a float (1.5)");
    }

    @Test
    public void acceptsMaxMessageSizeAtBothEndsOfTheRange() throws ConfigException {
        assertEquals(1, read("{max_message_size: 1}").maxMessageSize());
        assertEquals(Integer.MAX_VALUE, read("{max_message_size: 2147483647}").maxMessageSize());
    }

    @Test
    public void refusesMaxMessageSizeOutOfRange() {
        assertErrors(withWebSocketConfig("{max_message_size: 0}"),
                PATH + "max_message_size: 0 is out of range (expected: 1-2147483647)");
        assertErrors(withWebSocketConfig("{max_message_size: -1}"),
                PATH + "max_message_size: -1 is out of range (expected: 1-2147483647)");
        assertErrors(withWebSocketConfig("{max_message_size: 2GiB}"),
                PATH + "max_message_size: 2GiB is out of range (expected: 1-2147483647)");
        assertErrors(withWebSocketConfig("{max_message_size: 8589934592GiB}"),
                PATH + "max_message_size: 8589934592GiB is out of range (expected: 1-2147483647)");
    }

    private static WebSocketConfig read(String websocketConfig) throws ConfigException {
        return parse(withWebSocketConfig(websocketConfig)).upstreams().get("echo").websocket();
    }
}
