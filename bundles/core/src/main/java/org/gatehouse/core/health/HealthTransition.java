package org.gatehouse.core.health;

/**
 * A target that turned unhealthy or healthy again.
 *
 * @param upstream the upstream's name
 * @param address the target's {@code host:port}
 * @param healthy its new state
 * @param reason what caused it, for the log
 */
public record HealthTransition(String upstream, String address, boolean healthy, String reason) {

    /** {@code <upstream>/<host:port>}, as listed in the listener service's {@code gatehouse.targets.unhealthy}. */
    public String key() {
        return upstream + '/' + address;
    }
}
