package org.gatehouse.launcher;

import java.io.PrintStream;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Writes each record to a stream (System.out in production) and flushes it at once, so a line is out before the
 * process can die. Closing it never closes the stream.
 */
final class LineHandler extends Handler {

    private final PrintStream out;

    LineHandler(PrintStream out) {
        this.out = out;
        setFormatter(new OneLineFormatter());
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String text;
        try {
            text = getFormatter().format(record);
        } catch (RuntimeException e) {
            reportError(null, e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
