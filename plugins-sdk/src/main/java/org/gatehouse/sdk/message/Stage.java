package org.gatehouse.sdk.message;

/** Where in a session's traffic a message plugin runs. */
public enum Stage {
    /** Messages from the client, before they go upstream. */
    PRE_REQUEST,
    /** Messages from the upstream, before they reach the client. */
    POST_RESPONSE
}
