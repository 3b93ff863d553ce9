package org.gatehouse.itest;

/**
 * The status carried by a received close frame.
 *
 * @param code the close code; 1005 when the frame carried none
 * @param reason the reason text, empty when none
 */
public record CloseStatus(int code, String reason) {

    public static final int NO_STATUS = 1005;

    @Override
    public String toString() {
        return code + (reason.isEmpty() ? "" : " \"" + reason + '"');
    }
}
