package org.gatehouse.sdk.handshake;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A client's upgrade request.
 *
 * @param method the HTTP method
 * @param path the request path, without the query string
 * @param query the raw query string, empty when there is none
 * @param headers the request headers, names in lower case
 * @param remoteAddress the client's IP address
 */
public record HandshakeRequest(String method, String path, String query, Map<String, List<String>> headers,
                               String remoteAddress) {

    public HandshakeRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(remoteAddress, "remoteAddress");
    }
}
