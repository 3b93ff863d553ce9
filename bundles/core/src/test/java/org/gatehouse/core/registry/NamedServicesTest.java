package org.gatehouse.core.registry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.util.Map;
import java.util.Optional;

import org.gatehouse.sdk.balancer.BalancerName;
import org.gatehouse.sdk.balancer.LoadBalancingPolicy;
import org.junit.Test;

public class NamedServicesTest {

    private final NamedServices<LoadBalancingPolicy> registry = new NamedServices<>(BalancerName.PROPERTY);
    private final LoadBalancingPolicy first = upstream -> (candidates, context) -> candidates.get(0).target();
    private final LoadBalancingPolicy second = upstream -> (candidates, context) -> candidates.get(0).target();

    @Test
    public void aPolicyIsFoundByEachOfItsNames() {
        registry.add(first, properties(1, 0, new String[] {"least-connections", "least-conn"}));

        assertSame(first, registry.find("least-connections").orElseThrow());
        assertSame(first, registry.find("least-conn").orElseThrow());
        assertEquals(Optional.empty(), registry.find("round-robin"));
    }

    @Test
    public void theHighestRankingWinsAndTheOtherTakesOverWhenItLeaves() {
        registry.add(first, properties(1, 0, "round-robin"));
        registry.add(second, properties(2, 10, "round-robin"));
        assertSame(second, registry.find("round-robin").orElseThrow());

        registry.remove(properties(2, 10, "round-robin"));
        assertSame(first, registry.find("round-robin").orElseThrow());
    }

    @Test
    public void onEqualRankingTheOldestServiceWins() {
        registry.add(second, properties(7, 0, "round-robin"));
        registry.add(first, properties(3, 0, "round-robin"));

        assertSame(first, registry.find("round-robin").orElseThrow());
    }

    @Test
    public void aRemovedPolicyIsGone() {
        registry.add(first, properties(1, 0, "round-robin"));
        registry.remove(properties(1, 0, "round-robin"));

        assertEquals(Optional.empty(), registry.find("round-robin"));
    }

    private static Map<String, Object> properties(long serviceId, int ranking, Object names) {
        return Map.of("service.id", serviceId, "service.ranking", ranking, BalancerName.PROPERTY, names);
    }
}
