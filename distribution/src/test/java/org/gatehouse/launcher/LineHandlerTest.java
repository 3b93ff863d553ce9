package org.gatehouse.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.Test;

public class LineHandlerTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean closed;
    private final PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8) {
        @Override
        public void close() {
            closed = true;
            super.close();
        }
    };
    private final LineHandler handler = new LineHandler(out);

    @Test
    public void writesEachRecordAtOnce() {
        handler.publish(record(Level.INFO, "one"));
        handler.publish(record(Level.SEVERE, "two"));

        String[] lines = text().split(System.lineSeparator());
        assertEquals(2, lines.length);
        assertTrue(lines[0], lines[0].endsWith(" INFO  test: one"));
        assertTrue(lines[1], lines[1].endsWith(" ERROR test: two"));
    }

    @Test
    public void honoursItsLevel() {
        handler.setLevel(Level.WARNING);

        handler.publish(record(Level.INFO, "quiet"));

        assertEquals("", text());
    }

    @Test
    public void closingLeavesTheStreamOpen() {
        handler.close();

        assertFalse(closed);
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static LogRecord record(Level level, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("test");
        return record;
    }
}
