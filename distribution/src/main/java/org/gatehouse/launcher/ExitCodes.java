package org.gatehouse.launcher;

/** The process exit codes, after BSD's sysexits.h. */
final class ExitCodes {

    /** A normal stop: a signal, or the framework stopped. */
    static final int OK = 0;

    /** The command line was wrong (EX_USAGE). */
    static final int USAGE = 64;

    /** The framework could not start, or did not stop in time (EX_SOFTWARE). */
    static final int SOFTWARE = 70;

    /** The configuration is missing or invalid (EX_CONFIG). */
    static final int CONFIG = 78;

    private ExitCodes() {
    }
}
