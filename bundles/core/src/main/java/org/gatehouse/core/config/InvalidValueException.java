package org.gatehouse.core.config;

/**
 * A value that does not fit its key. The message is the reason part of the error line: what was found, and what was
 * expected.
 */
final class InvalidValueException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidValueException(String reason) {
        // A refused value is an expected outcome, not a bug: no stack trace to fill in.
        super(reason, null, false, false);
    }
}
