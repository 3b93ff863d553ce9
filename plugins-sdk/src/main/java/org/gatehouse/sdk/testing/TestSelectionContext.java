package org.gatehouse.sdk.testing;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gatehouse.sdk.balancer.SelectionContext;

/**
 * A handshake as a load-balancing policy sees it, built by a test:
 * {@code TestSelectionContext.from("192.0.2.7").header("X-User", "alice")}. Header names match case-insensitively,
 * as in the gateway. Mutable while it is being built: build it before handing it to a selector.
 */
public final class TestSelectionContext implements SelectionContext {

    private final String remoteAddress;
    private String path = "/ws/test";
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, String> cookies = new TreeMap<>();
    private final Map<String, String> query = new TreeMap<>();

    private TestSelectionContext(String remoteAddress) {
        this.remoteAddress = remoteAddress;
    }

    /** A handshake from {@code remoteAddress} on {@code /ws/test}, with no headers, cookies or query. */
    public static TestSelectionContext from(String remoteAddress) {
        return new TestSelectionContext(remoteAddress);
    }

    public TestSelectionContext path(String requestPath) {
        path = requestPath;
        return this;
    }

    public TestSelectionContext header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public TestSelectionContext cookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    public TestSelectionContext query(String name, String value) {
        query.put(name, value);
        return this;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    @Override
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    @Override
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }
}
