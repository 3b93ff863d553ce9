package org.gatehouse.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per record: ISO-8601 UTC timestamp, level, logger name, message; then the stack trace, if any.
 * Levels carry System.Logger's names (JUL's SEVERE is ERROR), since that is what the code logging them wrote.
 */
final class OneLineFormatter extends Formatter {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128)
                .append(TIMESTAMP.format(record.getInstant()))
                .append(' ')
                .append(String.format("%-5s", levelName(record.getLevel())))
                .append(' ')
                .append(record.getLoggerName() == null ? "" : record.getLoggerName())
                .append(": ")
                .append(formatMessage(record))
                .append(System.lineSeparator());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                record.getThrown().printStackTrace(out);
            }
            line.append(trace);
        }
        return line.toString();
    }

    /** SEVERE is ERROR, WARNING is WARN, INFO and CONFIG stay, FINE is DEBUG, finer is TRACE. */
    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        } else if (value >= Level.WARNING.intValue()) {
            return "WARN";
        } else if (value >= Level.INFO.intValue()) {
            return "INFO";
        } else if (value >= Level.CONFIG.intValue()) {
            return "CONFIG";
        } else if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }
}
