package org.gatehouse.core.config;

import java.time.Duration;

/**
 * The {@code server} section.
 *
 * @param host the address the client listener binds to
 * @param port the client listener's port
 * @param maxConnections the most client WebSocket sessions at once; beyond it handshakes get 503
 * @param shutdownGrace how long a graceful stop waits for sessions to close
 */
public record ServerConfig(String host, int port, int maxConnections, Duration shutdownGrace) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
}
