package org.gatehouse.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.Test;

public class OneLineFormatterTest {

    private static final String NL = System.lineSeparator();

    private final OneLineFormatter formatter = new OneLineFormatter();

    @Test
    public void oneLineWithUtcTimestampLevelLoggerAndMessage() {
        LogRecord record = record(Level.INFO, "Gatehouse listening on 0.0.0.0:8080");

        assertEquals("2025-03-01T09:05:07.042Z INFO  org.gatehouse.core: Gatehouse listening on 0.0.0.0:8080" + NL,
                formatter.format(record));
    }

    @Test
    public void parametersAreFilledIn() {
        LogRecord record = record(Level.WARNING, "bundle {0} failed: {1}");
        record.setParameters(new Object[] {"x.jar", "broken"});

        assertEquals("2025-03-01T09:05:07.042Z WARN  org.gatehouse.core: bundle x.jar failed: broken" + NL,
                formatter.format(record));
    }

    @Test
    public void stackTraceFollowsTheLine() {
        LogRecord record = record(Level.SEVERE, "it broke");
        record.setThrown(new IllegalStateException("because"));

        String text = formatter.format(record);

        assertTrue(text, text.startsWith("2025-03-01T09:05:07.042Z ERROR org.gatehouse.core: it broke" + NL
                + "java.lang.IllegalStateException: because" + NL + "\tat "));
        assertTrue(text, text.endsWith(NL));
    }

    @Test
    public void levelsCarrySystemLoggerNames() {
        assertEquals("ERROR", OneLineFormatter.levelName(Level.SEVERE));
        assertEquals("WARN", OneLineFormatter.levelName(Level.WARNING));
        assertEquals("INFO", OneLineFormatter.levelName(Level.INFO));
        assertEquals("CONFIG", OneLineFormatter.levelName(Level.CONFIG));
        assertEquals("DEBUG", OneLineFormatter.levelName(Level.FINE));
        assertEquals("TRACE", OneLineFormatter.levelName(Level.FINER));
        assertEquals("TRACE", OneLineFormatter.levelName(Level.FINEST));
    }

    private static LogRecord record(Level level, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("org.gatehouse.core");
        record.setInstant(Instant.parse("2025-03-01T09:05:07.042Z"));
        return record;
    }
}
