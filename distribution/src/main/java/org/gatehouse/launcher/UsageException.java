package org.gatehouse.launcher;

/** A command line the launcher does not understand; the message says what was wrong. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
