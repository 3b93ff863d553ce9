package org.gatehouse.sdk.balancer;

import java.util.Objects;

/**
 * A healthy target offered to a selector, with the number of WebSocket sessions it carries right now.
 *
 * @param target the target
 * @param liveSessions the sessions currently proxied to it by this gateway
 */
public record Candidate(Target target, int liveSessions) {

    public Candidate {
        Objects.requireNonNull(target, "target");
        if (liveSessions < 0) {
            throw new IllegalArgumentException("liveSessions: " + liveSessions + " (expected: >= 0)");
        }
    }
}
