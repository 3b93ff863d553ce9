package org.gatehouse.core.config;

import java.time.Duration;

/**
 * An upstream's {@code websocket_config}: TrustGate's keys and defaults, plus {@code max_message_size} and
 * {@code compression}.
 *
 * @param enableDirectCommunication each client gets its own upstream connection (direct mode)
 * @param returnErrorDetails clients see what exactly failed, not only a generic reason
 * @param pingPeriod how often the gateway pings each leg
 * @param pongWait how long a leg may stay silent before the gateway closes it
 * @param handshakeTimeout how long dialing and upgrading the upstream may take
 * @param readBufferSize the initial receive buffer of each leg, in bytes
 * @param writeBufferSize the bytes queued towards a peer before reading from the other side pauses
 * @param maxMessageSize the largest message, in bytes, across fragments; beyond it close 1009
 * @param compression negotiate permessage-deflate on each leg whose peer offers or accepts it
 */
public record WebSocketConfig(boolean enableDirectCommunication, boolean returnErrorDetails, Duration pingPeriod,
                              Duration pongWait, Duration handshakeTimeout, int readBufferSize, int writeBufferSize,
                              int maxMessageSize, boolean compression) {

    public static final WebSocketConfig DEFAULTS = new WebSocketConfig(false, false, Duration.ofSeconds(30),
            Duration.ofSeconds(45), Duration.ofSeconds(5), 4096, 4096, 16 * 1024 * 1024, true);
}
