package org.gatehouse.core.server;

import java.util.List;
import java.util.Optional;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

import org.gatehouse.sdk.balancer.SelectionContext;

/** What a load-balancing policy may see of an upgrade request. */
final class RequestSelectionContext implements SelectionContext {

    private final HttpHeaders headers;
    private final QueryStringDecoder uri;
    private final String remoteAddress;

    RequestSelectionContext(HttpHeaders headers, QueryStringDecoder uri, String remoteAddress) {
        this.headers = headers;
        this.uri = uri;
        this.remoteAddress = remoteAddress;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String path() {
        return uri.path();
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    @Override
    public Optional<String> cookie(String name) {
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie cookie : ServerCookieDecoder.LAX.decode(header)) {
                if (cookie.name().equals(name)) {
                    return Optional.of(cookie.value());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> queryParameter(String name) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
