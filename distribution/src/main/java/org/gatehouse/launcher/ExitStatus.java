package org.gatehouse.launcher;

/** The code the process exits with: the first one recorded wins, {@link ExitCodes#OK} if none was. */
final class ExitStatus {

    private boolean recorded;
    private int code = ExitCodes.OK;

    /** Records {@code code} unless one was recorded before; returns the code that stands. */
    synchronized int record(int code) {
        if (!recorded) {
            recorded = true;
            this.code = code;
        }
        return this.code;
    }

    synchronized int code() {
        return code;
    }
}
