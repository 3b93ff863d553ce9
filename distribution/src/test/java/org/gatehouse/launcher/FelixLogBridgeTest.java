package org.gatehouse.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

public class FelixLogBridgeTest {

    private static final Bundle NO_BUNDLE = null;

    private final Logger felix = Logger.getLogger("org.apache.felix.framework");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler collector = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Before
    public void collect() {
        felix.addHandler(collector);
        felix.setUseParentHandlers(false);
    }

    @After
    public void stopCollecting() {
        felix.removeHandler(collector);
        felix.setUseParentHandlers(true);
    }

    @Test
    public void felixLevelsMapToJulLevels() {
        assertEquals(Level.SEVERE, FelixLogBridge.toLevel(1));
        assertEquals(Level.WARNING, FelixLogBridge.toLevel(2));
        assertEquals(Level.INFO, FelixLogBridge.toLevel(3));
        assertEquals(Level.FINE, FelixLogBridge.toLevel(4));
    }

    @Test
    public void aResolutionFailureIsOneLineWithoutStackTrace() {
        new FelixLogBridge().log(NO_BUNDLE, 1, "Error starting", new BundleException("Unable to resolve x"));

        assertEquals(1, records.size());
        assertEquals(Level.SEVERE, records.get(0).getLevel());
        assertEquals("Error starting (org.osgi.framework.BundleException: Unable to resolve x)",
                records.get(0).getMessage());
        assertNull(records.get(0).getThrown());
    }

    @Test
    public void anActivatorFailureCarriesItsCause() {
        IllegalStateException cause = new IllegalStateException("boom");

        new FelixLogBridge().log(NO_BUNDLE, 1, "Error starting", new BundleException("Activator start error", cause));

        assertSame(cause, records.get(0).getThrown());
    }

    @Test
    public void onlyErrorsGetStackTraces() {
        FelixLogBridge bridge = new FelixLogBridge();
        bridge.setLogLevel(2);

        bridge.log(NO_BUNDLE, 2, "odd", new IllegalStateException("odd"));

        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertNull(records.get(0).getThrown());
    }
}
