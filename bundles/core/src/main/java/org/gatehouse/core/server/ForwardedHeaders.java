package org.gatehouse.core.server;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Which headers cross the gateway. End-to-end headers pass; hop-by-hop headers (RFC 9110 section 7.6.1), the ones
 * {@code Connection} names, and the WebSocket handshake's own headers (each leg negotiates its own key, version and
 * extensions) stay behind.
 */
final class ForwardedHeaders {

    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions",
            "sec-websocket-accept", "sec-websocket-protocol");

    private ForwardedHeaders() {
    }

    /**
     * The headers of the upgrade request sent upstream: the client's end-to-end headers, {@code Host} set to the
     * target, and the {@code X-Forwarded-*} trio.
     */
    static HttpHeaders towardsUpstream(HttpHeaders client, String targetAuthority, String clientAddress) {
        HttpHeaders upstream = endToEnd(client);
        upstream.set(HttpHeaderNames.HOST, targetAuthority);
        String forwardedFor = client.get("x-forwarded-for");
        upstream.set("x-forwarded-for", forwardedFor == null ? clientAddress : forwardedFor + ", " + clientAddress);
        upstream.set("x-forwarded-proto", "http");
        String host = client.get(HttpHeaderNames.HOST);
        if (host != null) {
            upstream.set("x-forwarded-host", host);
        }
        return upstream;
    }

    /** The end-to-end headers of {@code headers}: what a proxy passes on in either direction. */
    static HttpHeaders endToEnd(HttpHeaders headers) {
        Set<String> namedByConnection = connectionTokens(headers);
        HttpHeaders result = new DefaultHttpHeaders();
        headers.forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(name) && !namedByConnection.contains(name)) {
                result.add(header.getKey(), header.getValue());
            }
        });
        return result;
    }

    private static Set<String> connectionTokens(HttpHeaders headers) {
        Set<String> tokens = new HashSet<>();
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                tokens.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }
}
