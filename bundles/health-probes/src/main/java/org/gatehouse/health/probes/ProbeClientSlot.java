package org.gatehouse.health.probes;

import java.util.Optional;

/**
 * The {@link ProbeClient} of one probe component while it is active: opened at activation, closed at deactivation,
 * absent in between, so that a probe started after deactivation is refused rather than run on a closed client.
 */
final class ProbeClientSlot {

    private final String threadName;
    private volatile ProbeClient client;

    ProbeClientSlot(String threadName) {
        this.threadName = threadName;
    }

    void open() {
        client = new ProbeClient(threadName);
    }

    void close() {
        ProbeClient stopping = client;
        client = null;
        if (stopping != null) {
            stopping.close();
        }
    }

    Optional<ProbeClient> current() {
        return Optional.ofNullable(client);
    }
}
