package org.gatehouse.core.config;

import java.util.Optional;

/**
 * One entry of an upstream's {@code targets}.
 *
 * @param host the host name or address
 * @param port the TCP port
 * @param protocol {@code http} (dialed as ws://) or {@code https} (dialed as wss://)
 * @param path the path sent upstream; when empty, the client's request path is used
 * @param weight the relative share of sessions, at least 1
 */
public record TargetConfig(String host, int port, String protocol, Optional<String> path, int weight) {

    public static final String HTTP = "http";
    public static final String HTTPS = "https";

    public boolean secure() {
        return HTTPS.equals(protocol);
    }

    /** {@code host:port}, unique within an upstream. */
    public String address() {
        return host + ':' + port;
    }
}
