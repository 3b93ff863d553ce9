package org.gatehouse.core.health;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.core.config.GatewayConfig;
import org.gatehouse.core.config.HealthChecksConfig;
import org.gatehouse.core.config.ServerConfig;
import org.gatehouse.core.config.TargetConfig;
import org.gatehouse.core.config.UpstreamConfig;
import org.gatehouse.core.config.WebSocketConfig;
import org.junit.Test;

public class HealthRegistryTest {

    private final List<HealthTransition> transitions = new ArrayList<>();
    private final HealthRegistry registry = new HealthRegistry(Runnable::run, transitions::add);

    @Test
    public void passiveFailuresCountOnlyWhereChecksArePassive() {
        for (int i = 0; i < 5; i++) {
            registry.passiveFailure(upstream("off", false), "10.0.0.1:80", "refused");
        }
        assertEquals(List.of(), transitions);
        assertTrue(registry.acceptsSessions("off", "10.0.0.1:80", System.nanoTime()));

        registry.passiveFailure(upstream("on", true), "10.0.0.1:80", "refused");
        assertEquals(List.of("on/10.0.0.1:80"), registry.unhealthy());
        assertFalse(transitions.get(0).healthy());
    }

    @Test
    public void aProbedTargetIsListedUntilItRecovers() {
        UpstreamConfig main = upstream("main", false);
        registry.probed(main, "10.0.0.2:80", false, "HTTP 500");
        assertEquals(List.of("main/10.0.0.2:80"), registry.unhealthy());

        registry.probed(main, "10.0.0.2:80", true, "HTTP 200");
        assertEquals(List.of(), registry.unhealthy());
        assertEquals(2, transitions.size());
    }

    @Test
    public void aTargetGoneFromTheConfigIsForgotten() {
        registry.probed(upstream("main", false), "10.0.0.9:80", false, "HTTP 500");
        assertEquals(List.of("main/10.0.0.9:80"), registry.unhealthy());

        registry.retainTargetsOf(new GatewayConfig(new ServerConfig("127.0.0.1", 0, 1, Duration.ZERO),
                Map.of("main", upstream("main", false)), List.of()));

        assertEquals(List.of(), registry.unhealthy());
    }

    /** threshold 1, so a single failure shows. */
    private static UpstreamConfig upstream(String name, boolean passive) {
        HealthChecksConfig checks = new HealthChecksConfig(passive, "", Map.of(), 1, Duration.ofSeconds(10),
                HealthChecksConfig.HTTP, 1, Duration.ofSeconds(1), false, Duration.ZERO);
        return new UpstreamConfig(name, "round-robin",
                List.of(new TargetConfig("10.0.0.1", 80, TargetConfig.HTTP, Optional.empty(), 1)),
                WebSocketConfig.DEFAULTS, checks, Optional.empty());
    }
}
