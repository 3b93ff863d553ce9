package org.gatehouse.core.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

import java.util.List;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;

import org.junit.Test;

public class ForwardedHeadersTest {

    private final HttpHeaders client = new DefaultHttpHeaders()
            .add("Host", "gateway.example:8080")
            .add("Connection", "Upgrade, X-Hop")
            .add("Upgrade", "websocket")
            .add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
            .add("Sec-WebSocket-Version", "13")
            .add("Sec-WebSocket-Extensions", "permessage-deflate")
            .add("Sec-WebSocket-Protocol", "a, b")
            .add("Keep-Alive", "timeout=5")
            .add("Proxy-Authorization", "Basic secret")
            .add("X-Hop", "named by Connection")
            .add("Origin", "https://app.example")
            .add("Cookie", "session=1")
            .add("Authorization", "Bearer token")
            .add("X-Custom", "one")
            .add("X-Custom", "two");

    @Test
    public void endToEndHeadersReachTheUpstreamWithAllTheirValues() {
        HttpHeaders upstream = ForwardedHeaders.towardsUpstream(client, "10.0.0.5:9001", "192.0.2.7");

        assertEquals("https://app.example", upstream.get("origin"));
        assertEquals("session=1", upstream.get("cookie"));
        assertEquals("Bearer token", upstream.get("authorization"));
        assertEquals(List.of("one", "two"), upstream.getAll("x-custom"));
    }

    @Test
    public void hopByHopAndHandshakeHeadersStayBehind() {
        HttpHeaders upstream = ForwardedHeaders.towardsUpstream(client, "10.0.0.5:9001", "192.0.2.7");

        for (String name : List.of("connection", "upgrade", "keep-alive", "proxy-authorization", "x-hop",
                "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol")) {
            assertFalse(name, upstream.contains(name));
        }
    }

    @Test
    public void hostIsTheTargetAndTheForwardedTrioIsAdded() {
        HttpHeaders upstream = ForwardedHeaders.towardsUpstream(client, "10.0.0.5:9001", "192.0.2.7");

        assertEquals("10.0.0.5:9001", upstream.get("host"));
        assertEquals("192.0.2.7", upstream.get("x-forwarded-for"));
        assertEquals("http", upstream.get("x-forwarded-proto"));
        assertEquals("gateway.example:8080", upstream.get("x-forwarded-host"));
    }

    @Test
    public void theClientAddressIsAppendedToAnExistingForwardedFor() {
        client.set("X-Forwarded-For", "203.0.113.1");

        HttpHeaders upstream = ForwardedHeaders.towardsUpstream(client, "10.0.0.5:9001", "192.0.2.7");

        assertEquals("203.0.113.1, 192.0.2.7", upstream.get("x-forwarded-for"));
    }

    @Test
    public void anUpstreamAnswerKeepsItsEndToEndHeadersOnly() {
        HttpHeaders answer = new DefaultHttpHeaders()
                .add("Set-Cookie", "a=1")
                .add("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
                .add("Connection", "Upgrade")
                .add("Content-Length", "0");

        HttpHeaders relayed = ForwardedHeaders.endToEnd(answer);

        assertEquals("a=1", relayed.get("set-cookie"));
        assertNull(relayed.get("sec-websocket-accept"));
        assertEquals(1, relayed.size());
    }
}
