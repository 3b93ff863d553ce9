package org.gatehouse.core.upstream;

import io.netty.handler.codec.http.FullHttpResponse;

/**
 * Why the upstream leg could not be opened.
 *
 * <p>A {@link Kind#REJECTED} failure carries the upstream's own answer, which the caller relays to the client and
 * must release; the other kinds carry none.
 */
public final class UpstreamFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The TCP connection could not be made: worth trying another target. */
        CONNECT,
        /** Connected, but the upgrade failed or did not finish in time. */
        HANDSHAKE,
        /** The upstream answered the upgrade with a status other than 101. */
        REJECTED
    }

    private final Kind kind;
    private final transient FullHttpResponse response;

    UpstreamFailure(Kind kind, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.kind = kind;
        this.response = null;
    }

    UpstreamFailure(FullHttpResponse response, String detail) {
        super(detail, null, false, false);
        this.kind = Kind.REJECTED;
        this.response = response;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Whether this says something about the target's health: a refused or timed-out connection, a failed upgrade,
     * or a 5xx answer. A 4xx answer is the upstream working as intended.
     */
    public boolean countsAgainstTarget() {
        return kind != Kind.REJECTED || response.status().code() >= 500;
    }

    /** The upstream's answer to the upgrade, for {@link Kind#REJECTED}; otherwise null. */
    public FullHttpResponse response() {
        return response;
    }
}
