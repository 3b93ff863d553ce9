package org.gatehouse.sdk.message;

import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ProviderType;

/** One whole WebSocket message, as a plugin sees it. Implemented by the gateway, valid during the call only. */
@ProviderType
public interface Message {

    /** Whether this is a text message; otherwise it is binary. */
    boolean isText();

    /** The payload, read-only. */
    ByteBuffer bytes();

    /** The payload decoded as UTF-8; decoded on first use. */
    String text();
}
