package org.gatehouse.balancer.consistenthash;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gatehouse.sdk.testing.TestSelectionContext;
import org.gatehouse.sdk.balancer.Candidate;
import org.gatehouse.sdk.balancer.Target;
import org.gatehouse.sdk.balancer.TargetSelector;
import org.gatehouse.sdk.balancer.Upstream;
import org.junit.Test;

/**
 * Each {@code hash_on} source is proved by comparing with the client-address selector: a handshake whose chosen
 * value is {@code v} must land where a handshake from client address {@code v} lands, whatever its own address.
 */
public class HashOnTest {

    private static final List<Target> TARGETS = List.of(
            new Target("10.0.0.1", 80, 1),
            new Target("10.0.0.2", 80, 1),
            new Target("10.0.0.3", 80, 1),
            new Target("10.0.0.4", 80, 1));
    private static final List<Candidate> ALL = TARGETS.stream().map(t -> new Candidate(t, 0)).toList();
    private static final int KEYS = 2000;

    private final TargetSelector byAddress = selector(Map.of());

    @Test
    public void hashesTheClientAddressWhenHashOnIsAbsentOrClientAddress() {
        TargetSelector explicit = selector(Map.of("hash_on", "client_address"));
        Map<Target, Integer> spread = new HashMap<>();

        for (int i = 0; i < KEYS; i++) {
            TestSelectionContext context = TestSelectionContext.from(address(i)).header("X-User", "same").cookie("sid", "same");
            Target target = byAddress.select(ALL, context);
            assertEquals(target, explicit.select(ALL, context));
            spread.merge(target, 1, Integer::sum);
        }
        assertEquals("different addresses reach every target", 4, spread.size());
    }

    @Test
    public void hashesTheNamedHeader() {
        TargetSelector selector = selector(Map.of("hash_on", "header:X-User"));

        for (int i = 0; i < KEYS; i++) {
            String user = "user-" + i;
            TestSelectionContext context = TestSelectionContext.from(address(i + 1)).header("x-user", user).cookie("X-User", "c");
            assertEquals(user, byAddress.select(ALL, TestSelectionContext.from(user)), selector.select(ALL, context));
        }
    }

    @Test
    public void hashesTheNamedCookie() {
        TargetSelector selector = selector(Map.of("hash_on", "cookie:sid"));

        for (int i = 0; i < KEYS; i++) {
            String session = "session-" + i;
            TestSelectionContext context = TestSelectionContext.from(address(i + 1)).cookie("sid", session).header("sid", "h");
            assertEquals(session, byAddress.select(ALL, TestSelectionContext.from(session)), selector.select(ALL, context));
        }
    }

    @Test
    public void hashesTheNamedQueryParameter() {
        TargetSelector selector = selector(Map.of("hash_on", "query:room"));

        for (int i = 0; i < KEYS; i++) {
            String room = "room " + i;
            TestSelectionContext context = TestSelectionContext.from(address(i + 1)).query("room", room).cookie("room", "c");
            assertEquals(room, byAddress.select(ALL, TestSelectionContext.from(room)), selector.select(ALL, context));
        }
    }

    @Test
    public void theSameValueFromAnyClientGoesToTheSameTarget() {
        TargetSelector selector = selector(Map.of("hash_on", "header:X-User"));
        Target first = selector.select(ALL, TestSelectionContext.from(address(0)).header("X-User", "alice"));

        for (int i = 1; i < KEYS; i++) {
            assertEquals(first, selector.select(ALL, TestSelectionContext.from(address(i)).header("X-User", "alice")));
        }
    }

    @Test
    public void aMissingOrEmptyValueFallsBackToTheClientAddress() {
        for (String hashOn : List.of("header:X-User", "cookie:sid", "query:room")) {
            TargetSelector selector = selector(Map.of("hash_on", hashOn));
            for (int i = 0; i < KEYS; i++) {
                TestSelectionContext missing = TestSelectionContext.from(address(i)).header("Other", "x");
                TestSelectionContext empty = TestSelectionContext.from(address(i)).header("X-User", "").cookie("sid", "")
                        .query("room", "");
                Target expected = byAddress.select(ALL, TestSelectionContext.from(address(i)));
                assertEquals(hashOn + " missing", expected, selector.select(ALL, missing));
                assertEquals(hashOn + " empty", expected, selector.select(ALL, empty));
            }
        }
    }

    @Test
    public void rejectsAnInvalidHashOnWithAClearMessage() {
        for (String hashOn : List.of("", "client", "CLIENT_ADDRESS", "header", "header:", "header: ", "cookie:",
                "query:", "body:x", "Header:X-User", ":x")) {
            try {
                selector(Map.of("hash_on", hashOn));
                fail("accepted hash_on \"" + hashOn + "\"");
            } catch (IllegalArgumentException expected) {
                String message = expected.getMessage();
                assertTrue(message, message.startsWith("upstream \"chat\": hash_on: \"" + hashOn + "\" (expected: "));
                assertTrue(message, message.endsWith(
                        "(expected: client_address, header:<name>, cookie:<name> or query:<name>)"));
            }
        }
    }

    private static String address(int i) {
        return "192.168." + (i / 256) + '.' + (i % 256);
    }

    private static TargetSelector selector(Map<String, String> settings) {
        return new ConsistentHashPolicy().newSelector(new Upstream("chat", TARGETS, settings));
    }
}
