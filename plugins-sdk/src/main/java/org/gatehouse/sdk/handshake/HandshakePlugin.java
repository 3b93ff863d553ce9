package org.gatehouse.sdk.handshake;

import org.osgi.annotation.versioning.ConsumerType;

/** A plugin that decides whether a WebSocket handshake may proceed. */
@ConsumerType
public interface HandshakePlugin {

    /**
     * Decides about one handshake. Runs on an event loop: it must not block.
     *
     * @param request the client's upgrade request
     * @return allow or deny
     */
    HandshakeDecision onHandshake(HandshakeRequest request);
}
