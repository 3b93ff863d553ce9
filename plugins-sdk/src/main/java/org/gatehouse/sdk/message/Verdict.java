package org.gatehouse.sdk.message;

/** What a message plugin decided about a message. */
public enum Verdict {
    /** Pass the message on to the next plugin, then to its destination. */
    CONTINUE,
    /** Drop the message silently. */
    DROP
}
