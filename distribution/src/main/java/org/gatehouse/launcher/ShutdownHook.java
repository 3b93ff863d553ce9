package org.gatehouse.launcher;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;

/**
 * Runs when the JVM is asked to end (SIGTERM, SIGINT): stops the framework, so the core can close its sessions with
 * 1001, and waits for that, bounded. It then ends the process itself with the recorded exit code: left to the JVM, a
 * process stopped by a signal exits with 128 + the signal number even when it stopped cleanly.
 */
final class ShutdownHook extends Thread {

    /** How long the hook waits for the framework to stop. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = Logger.getLogger(ShutdownHook.class.getName());

    private final Framework framework;
    private final ExitStatus status;
    private volatile boolean running;

    private ShutdownHook(Framework framework, ExitStatus status) {
        super("gatehouse-shutdown");
        this.framework = framework;
        this.status = status;
    }

    static ShutdownHook register(Framework framework, ExitStatus status) {
        ShutdownHook hook = new ShutdownHook(framework, status);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Unregisters the hook; false if the JVM is already shutting down, in which case the hook ends the process. */
    boolean unregister() {
        try {
            Runtime.getRuntime().removeShutdownHook(this);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Whether the JVM is shutting down and the hook is stopping the framework; then nothing more should start. */
    boolean running() {
        return running;
    }

    @Override
    public void run() {
        running = true;
        try {
            LOG.info("Gatehouse stopping");
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT.toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.severe("the framework did not stop within " + STOP_TIMEOUT.toSeconds() + " s; exiting anyway");
                status.record(ExitCodes.SOFTWARE);
            }
        } catch (BundleException | RuntimeException e) {
            LOG.log(Level.SEVERE, "stopping the framework failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = status.code();
        LOG.info("Gatehouse stopped, exit code " + code);
        System.out.flush();
        Runtime.getRuntime().halt(code);
    }
}
