package org.gatehouse.launcher;

import java.util.function.IntConsumer;
import java.util.logging.Logger;

/**
 * The launcher's exit service (see CONTRACTS.md): registered as {@code java.util.function.IntConsumer} with
 * {@code gatehouse.launcher=exit}. {@code accept(code)} records the exit code and stops the framework from a new
 * thread, since the caller is usually a component that the stop is about to deactivate.
 */
final class ExitService implements IntConsumer {

    /** The service property, and its value, that tell this service apart from any other IntConsumer. */
    static final String PROPERTY = "gatehouse.launcher";
    static final String VALUE = "exit";

    private static final Logger LOG = Logger.getLogger(ExitService.class.getName());

    private final ExitStatus status;
    private final Runnable stopFramework;

    ExitService(ExitStatus status, Runnable stopFramework) {
        this.status = status;
        this.stopFramework = stopFramework;
    }

    @Override
    public void accept(int code) {
        int standing = status.record(code);
        LOG.info("exit requested with code " + code + (standing == code ? "" : " (keeping " + standing + ")")
                + "; stopping the framework");
        Thread stopper = new Thread(stopFramework, "gatehouse-exit");
        stopper.start();
    }
}
