package org.gatehouse.itest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Records what the gateway logs, in the framework's JVM: the core logs through {@code System.Logger}, which routes to
 * java.util.logging (CONTRACTS.md), so a handler on the {@code org.gatehouse} logger sees every line of every
 * Gatehouse bundle. Attach it before the action, {@link #close} it after the test.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.attach()) {
 *     ...
 *     log.await("naming the type", LogCapture.containing(Level.WARNING, "\"http\""), WAIT);
 * }
 * }</pre>
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private static final Formatter FORMATTER = new SimpleFormatter();

    /** Held strongly: java.util.logging keeps loggers weakly, and a collected logger would lose this handler. */
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        setLevel(Level.ALL);
    }

    /** Starts recording everything the {@code org.gatehouse} loggers log. */
    public static LogCapture attach() {
        LogCapture capture = new LogCapture(Logger.getLogger("org.gatehouse"));
        capture.logger.addHandler(capture);
        return capture;
    }

    /** Records at {@code level} whose formatted message contains {@code text}. */
    public static Predicate<LogRecord> containing(Level level, String text) {
        return r -> r.getLevel().equals(level) && message(r).contains(text);
    }

    /** Records at any level whose formatted message contains {@code text}. */
    public static Predicate<LogRecord> containing(String text) {
        return r -> message(r).contains(text);
    }

    /** The record's message with its parameters filled in, as a formatter would print it. */
    public static String message(LogRecord record) {
        return FORMATTER.formatMessage(record);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
        synchronized (this) {
            notifyAll();
        }
    }

    /** How many records so far satisfy {@code wanted}. */
    public int count(Predicate<LogRecord> wanted) {
        return (int) records.stream().filter(wanted).count();
    }

    /** The messages of the records so far that satisfy {@code wanted}. */
    public List<String> messages(Predicate<LogRecord> wanted) {
        return records.stream().filter(wanted).map(LogCapture::message).toList();
    }

    /**
     * Waits, at most {@code timeout}, for a record that satisfies {@code wanted} (one logged before counts too); fails
     * the test with what was logged if none comes. {@code what} names the expected line in the message.
     */
    public String await(String what, Predicate<LogRecord> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (LogRecord r : records) {
                    if (wanted.test(r)) {
                        return message(r);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    List<String> logged = records.stream().map(r -> r.getLevel() + " " + message(r)).toList();
                    throw new AssertionError("no log line " + what + " within " + timeout + "; Gatehouse logged:\n  "
                            + String.join("\n  ", logged));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
