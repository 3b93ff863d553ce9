package org.gatehouse.launcher;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Sets up java.util.logging, which everything logs through: the launcher, Felix, the core and Netty. */
final class LogSetup {

    private static final String MANAGER = "java.util.logging.manager";

    private LogSetup() {
    }

    /**
     * Makes {@link LauncherLogManager} the LogManager unless another one was chosen. Must run before anything touches
     * java.util.logging, so first thing in {@code main}.
     */
    static void useLauncherLogManager() {
        if (System.getProperty(MANAGER) == null) {
            System.setProperty(MANAGER, LauncherLogManager.class.getName());
        }
    }

    /**
     * Unless {@code java.util.logging.config.file} (or {@code .config.class}) is set, gives the root logger one
     * handler, one line per record on System.out, at level INFO.
     */
    static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
            handler.close();
        }
        root.addHandler(new LineHandler(System.out));
        root.setLevel(Level.INFO);
    }
}
