package org.gatehouse.sdk.balancer;

import java.util.Objects;

/**
 * One server of an upstream, as configured.
 *
 * @param host the host name or address
 * @param port the TCP port
 * @param weight the relative share of sessions, at least 1
 */
public record Target(String host, int port, int weight) {

    public Target {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: >= 1)");
        }
    }

    /** {@code host:port}, unique within an upstream: a stable key for hashing and logs. */
    public String address() {
        return host + ':' + port;
    }
}
