package org.gatehouse.core.relay;

import java.nio.charset.StandardCharsets;

import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/** Close frames the gateway writes itself. */
final class CloseFrames {

    /** A control frame carries at most 125 bytes: two for the code, the rest for the reason. */
    private static final int MAX_REASON_BYTES = 123;

    private CloseFrames() {
    }

    static CloseWebSocketFrame of(int code, String reason) {
        return new CloseWebSocketFrame(code, truncate(reason));
    }

    /** The same code and reason as {@code frame}, or an empty close when it had no code. */
    static CloseWebSocketFrame echoOf(CloseWebSocketFrame frame) {
        int code = frame.statusCode();
        return code == -1 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, frame.reasonText());
    }

    static String truncate(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        int end = MAX_REASON_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // never cut a multi-byte character in half
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
