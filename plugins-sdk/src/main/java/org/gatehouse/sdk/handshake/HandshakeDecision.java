package org.gatehouse.sdk.handshake;

import java.util.Objects;

/**
 * A handshake plugin's answer: allow the handshake, or deny it with an HTTP status and a reason.
 *
 * @param allowed whether the handshake may proceed
 * @param status the HTTP status sent to the client when denied
 * @param reason why it was denied; empty when allowed
 */
public record HandshakeDecision(boolean allowed, int status, String reason) {

    private static final HandshakeDecision ALLOW = new HandshakeDecision(true, 0, "");

    public HandshakeDecision {
        Objects.requireNonNull(reason, "reason");
        if (!allowed && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("status: " + status + " (expected: 400-599 when denied)");
        }
    }

    public static HandshakeDecision allow() {
        return ALLOW;
    }

    public static HandshakeDecision deny(int status, String reason) {
        return new HandshakeDecision(false, status, reason);
    }
}
