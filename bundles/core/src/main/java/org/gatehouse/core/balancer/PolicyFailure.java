package org.gatehouse.core.balancer;

/** A load-balancing policy that threw or answered nonsense: the handshake fails with 503, the gateway carries on. */
public final class PolicyFailure extends Exception {

    private static final long serialVersionUID = 1L;

    PolicyFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
