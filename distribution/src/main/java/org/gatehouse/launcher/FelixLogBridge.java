package org.gatehouse.launcher;

import java.util.logging.Level;

import org.apache.felix.framework.Logger;
import org.osgi.framework.BundleException;

/**
 * Felix's own log, handed to the framework as {@code felix.log.logger}: the records go to java.util.logging so the
 * framework logs like everything else. Felix already puts the bundle and the exception into the message; a stack
 * trace is added for errors only, and not for a bundle exception without a cause (a resolution failure is fully
 * told by its message). Felix still filters by {@code felix.log.level} (default 1, errors only).
 */
final class FelixLogBridge extends Logger {

    /** The framework property Felix takes its logger from. */
    static final String PROPERTY = "felix.log.logger";

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("org.apache.felix.framework");

    @Override
    protected void doLog(int level, String message, Throwable error) {
        Level julLevel = toLevel(level);
        if (LOG.isLoggable(julLevel)) {
            LOG.log(julLevel, message, julLevel == Level.SEVERE ? traceWorthy(error) : null);
        }
    }

    /** Felix's levels: 1 error, 2 warning, 3 info, 4 debug. */
    static Level toLevel(int felixLevel) {
        switch (felixLevel) {
            case LOG_ERROR:
                return Level.SEVERE;
            case LOG_WARNING:
                return Level.WARNING;
            case LOG_INFO:
                return Level.INFO;
            default:
                return Level.FINE;
        }
    }

    /** The part of {@code error} worth a stack trace: none for a plain bundle exception, else its cause. */
    static Throwable traceWorthy(Throwable error) {
        if (error instanceof BundleException) {
            return error.getCause();
        }
        return error;
    }
}
