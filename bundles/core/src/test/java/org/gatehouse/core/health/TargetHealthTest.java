package org.gatehouse.core.health;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.core.balancer.TargetId;
import org.gatehouse.core.config.HealthChecksConfig;
import org.junit.Test;

public class TargetHealthTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    /** threshold 3 within an interval of 10 s; healthy again after 2 good probes. */
    private final HealthChecksConfig checks = new HealthChecksConfig(true, "/health", Map.of(), 3,
            Duration.ofSeconds(10), HealthChecksConfig.HTTP, 2, Duration.ofSeconds(1), false, Duration.ZERO);
    private final TargetHealth target = new TargetHealth(new TargetId("main", "10.0.0.1:80"));

    @Test
    public void thresholdFailuresWithinTheIntervalMarkTheTargetUnhealthy() {
        assertEquals(Optional.empty(), target.passiveFailure(checks, 0, "refused"));
        assertEquals(Optional.empty(), target.passiveFailure(checks, SECOND, "refused"));
        HealthTransition down = target.passiveFailure(checks, 2 * SECOND, "refused").orElseThrow();

        assertFalse(down.healthy());
        assertEquals("main/10.0.0.1:80", down.target().toString());
        assertFalse(target.healthy());
        assertFalse(target.acceptsSessions(3 * SECOND));
    }

    @Test
    public void theFailureCountResetsAfterTheInterval() {
        target.passiveFailure(checks, 0, "refused");
        target.passiveFailure(checks, SECOND, "refused");

        assertEquals(Optional.empty(), target.passiveFailure(checks, 11 * SECOND, "refused"));
        assertEquals(Optional.empty(), target.passiveFailure(checks, 12 * SECOND, "refused"));
        assertTrue(target.healthy());
    }

    @Test
    public void afterTheCoolDownOneSuccessBringsTheTargetBack() {
        markPassivelyDown(0);
        assertFalse(target.acceptsSessions(9 * SECOND));
        assertTrue("tried again after the cool-down", target.acceptsSessions(10 * SECOND));

        HealthTransition up = target.passiveSuccess().orElseThrow();

        assertTrue(up.healthy());
        assertTrue(target.healthy());
    }

    @Test
    public void aFailureOnProbationStartsAnotherCoolDown() {
        markPassivelyDown(0);
        assertTrue(target.acceptsSessions(10 * SECOND));

        assertEquals(Optional.empty(), target.passiveFailure(checks, 10 * SECOND, "refused again"));

        assertFalse(target.acceptsSessions(19 * SECOND));
        assertTrue(target.acceptsSessions(20 * SECOND));
    }

    @Test
    public void consecutiveFailedProbesMarkItDownAndConsecutiveGoodOnesBringItBack() {
        target.probed(checks, false, "HTTP 500");
        target.probed(checks, true, "HTTP 200");
        target.probed(checks, false, "HTTP 500");
        target.probed(checks, false, "HTTP 500");
        assertTrue("the good probe broke the streak", target.healthy());

        assertFalse(target.probed(checks, false, "HTTP 500").orElseThrow().healthy());
        assertFalse(target.acceptsSessions(Long.MAX_VALUE));

        assertEquals(Optional.empty(), target.probed(checks, true, "HTTP 200"));
        assertTrue(target.probed(checks, true, "HTTP 200").orElseThrow().healthy());
    }

    @Test
    public void aTargetDownByProbesStaysDownWhatevertheSessionsDo() {
        for (int i = 0; i < 3; i++) {
            target.probed(checks, false, "HTTP 500");
        }
        assertEquals(Optional.empty(), target.passiveSuccess());
        assertFalse(target.healthy());
    }

    private void markPassivelyDown(long atNanos) {
        for (int i = 0; i < 3; i++) {
            target.passiveFailure(checks, atNanos, "refused");
        }
        assertFalse(target.healthy());
    }
}
