package org.gatehouse.balancer.consistenthash;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gatehouse.sdk.balancer.SelectionContext;

/** A handshake with a client address and chosen headers, cookies and query parameters. */
final class FakeContext implements SelectionContext {

    private final String remoteAddress;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, String> cookies = new TreeMap<>();
    private final Map<String, String> query = new TreeMap<>();

    private FakeContext(String remoteAddress) {
        this.remoteAddress = remoteAddress;
    }

    static FakeContext from(String remoteAddress) {
        return new FakeContext(remoteAddress);
    }

    FakeContext header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    FakeContext cookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    FakeContext query(String name, String value) {
        query.put(name, value);
        return this;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String path() {
        return "/ws/echo";
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
