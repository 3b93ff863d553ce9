package org.gatehouse.itest;

import java.nio.charset.StandardCharsets;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * An HTTP response as a client saw it: the upgrade answer (101 or a refusal) or the answer to a plain request.
 *
 * @param status the status code
 * @param headers a copy of the response headers (case-insensitive look-ups)
 * @param body the body decoded as UTF-8, empty when none
 */
public record HttpAnswer(int status, HttpHeaders headers, String body) {

    /** Copies a response; does not release it. */
    static HttpAnswer copyOf(FullHttpResponse response) {
        return new HttpAnswer(response.status().code(), response.headers().copy(),
                response.content().toString(StandardCharsets.UTF_8));
    }

    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + headers.entries() + (body.isEmpty() ? "" : " body=\"" + body.strip() + '"');
    }
}
