package org.gatehouse.itest;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;

/**
 * An HTTP request as the upstream received it.
 *
 * @param method the method
 * @param uri the request target: path and query string as sent
 * @param headers a copy of the headers (case-insensitive look-ups)
 */
public record RecordedRequest(String method, String uri, HttpHeaders headers) {

    static RecordedRequest copyOf(HttpRequest request) {
        return new RecordedRequest(request.method().name(), request.uri(), request.headers().copy());
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String path() {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /** The raw query string after {@code ?}, or null when there is none. */
    public String query() {
        int query = uri.indexOf('?');
        return query < 0 ? null : uri.substring(query + 1);
    }

    @Override
    public String toString() {
        return method + " " + uri + " " + headers.entries();
    }
}
