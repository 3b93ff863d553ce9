package org.gatehouse.core.health;

import java.util.Optional;

import org.gatehouse.core.balancer.TargetId;
import org.gatehouse.core.config.HealthChecksConfig;

/**
 * The health of one target, from two sources that each can mark it down.
 *
 * <p>Passive: {@code threshold} real failures within a window of {@code interval} mark it down for a cool-down of
 * {@code interval}; after that it is a candidate again, on probation: one success brings it back, one failure sends
 * it down for another cool-down. Active: {@code threshold} consecutive failed probes mark it down and
 * {@code healthy_threshold} consecutive good ones bring it back.
 *
 * <p>Updated from event loops and the probe thread, read on every handshake: the updates synchronise (they are
 * rare), the read is of volatile fields only.
 */
final class TargetHealth {

    private final TargetId target;
    private int passiveFailures;
    private long windowStartNanos;
    private volatile boolean passiveDown;
    private volatile long retryAtNanos;
    private int probeFailures;
    private int probeSuccesses;
    private volatile boolean activeDown;

    TargetHealth(TargetId target) {
        this.target = target;
    }

    /** Whether new sessions may be placed here: healthy, or past a passive cool-down. */
    boolean acceptsSessions(long nowNanos) {
        return !activeDown && (!passiveDown || nowNanos - retryAtNanos >= 0);
    }

    boolean healthy() {
        return !activeDown && !passiveDown;
    }

    synchronized Optional<HealthTransition> passiveFailure(HealthChecksConfig config, long nowNanos, String why) {
        boolean wasHealthy = healthy();
        long interval = config.interval().toNanos();
        if (passiveDown) {
            retryAtNanos = nowNanos + interval; // failed on probation: another cool-down
            return Optional.empty();
        }
        if (passiveFailures == 0 || nowNanos - windowStartNanos > interval) {
            windowStartNanos = nowNanos;
            passiveFailures = 0;
        }
        if (++passiveFailures >= config.threshold()) {
            passiveFailures = 0;
            passiveDown = true;
            retryAtNanos = nowNanos + interval;
        }
        return transition(wasHealthy, "passive: " + config.threshold() + " failures within " + config.interval()
                .toMillis() + " ms, last: " + why);
    }

    synchronized Optional<HealthTransition> passiveSuccess() {
        boolean wasHealthy = healthy();
        passiveDown = false;
        return transition(wasHealthy, "passive: a session was established");
    }

    synchronized Optional<HealthTransition> probed(HealthChecksConfig config, boolean good, String detail) {
        boolean wasHealthy = healthy();
        if (good) {
            probeFailures = 0;
            if (++probeSuccesses >= config.healthyThreshold()) {
                activeDown = false;
            }
        } else {
            probeSuccesses = 0;
            if (++probeFailures >= config.threshold()) {
                activeDown = true;
            }
        }
        String count = good ? probeSuccesses + " good probes" : probeFailures + " failed probes";
        return transition(wasHealthy, "active: " + count + ", last: " + detail);
    }

    private Optional<HealthTransition> transition(boolean wasHealthy, String reason) {
        boolean isHealthy = healthy();
        return wasHealthy == isHealthy ? Optional.empty()
                : Optional.of(new HealthTransition(target, isHealthy, reason));
    }
}
