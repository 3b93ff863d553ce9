package org.gatehouse.health.probes;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import org.gatehouse.sdk.health.ProbeRequest;

/** What both probes share: the URI of a probe and a short reason for a failure. */
final class Probes {

    private static final int MAX_MESSAGE = 200;

    private Probes() {
    }

    /** {@code <scheme>://<host>:<port><path>}, with an IPv6 literal in brackets. */
    static URI uri(String scheme, ProbeRequest request) {
        String host = request.target().host();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = '[' + host + ']';
        }
        return URI.create(scheme + "://" + host + ':' + request.target().port() + request.path());
    }

    static String timedOut(Duration timeout) {
        return "timed out after " + timeout.toMillis() + " ms";
    }

    /** A one-line reason for a failed probe, for the core's log line. */
    static String reason(Throwable failure, Duration timeout) {
        Throwable t = unwrap(failure);
        if (t instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
            return timedOut(timeout);
        }
        if (t instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse().statusCode();
            return status != 101
                    ? "handshake answered HTTP " + status
                    : withMessage("handshake refused", handshake.getCause() != null ? handshake.getCause() : t);
        }
        if (has(t, UnresolvedAddressException.class)) {
            return "unknown host";
        }
        if (t instanceof ConnectException) {
            // JDK 17 reports a refused connect as a ConnectException without a message.
            return withMessage("connect failed", t);
        }
        if (t instanceof SSLException) {
            return withMessage("TLS failed", t);
        }
        if (t instanceof IllegalArgumentException) {
            return withMessage("cannot probe", t);
        }
        return withMessage(t.getClass().getSimpleName(), t);
    }

    /** The failure inside the CompletionException or ExecutionException wrappers. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** {@code what: <message>}, with the first message along the cause chain, or just {@code what} if none. */
    private static String withMessage(String what, Throwable failure) {
        String message = message(failure);
        return message == null ? what : what + ": " + message;
    }

    private static String message(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message;
            }
        }
        return null;
    }
}
