package org.gatehouse.sdk.message;

import org.osgi.annotation.versioning.ConsumerType;

/** A plugin that sees each message of the routes it is configured on. */
@ConsumerType
public interface MessagePlugin {

    /**
     * Decides what happens to one message. Runs on an event loop: it must not block.
     *
     * @param stage where the message is going
     * @param message the message
     * @return the verdict
     */
    Verdict onMessage(Stage stage, Message message);
}
