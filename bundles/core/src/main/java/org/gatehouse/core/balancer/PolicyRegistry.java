package org.gatehouse.core.balancer;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.sdk.balancer.BalancerName;
import org.gatehouse.sdk.balancer.LoadBalancingPolicy;

/**
 * The load-balancing policies currently registered, by name. Bind and unbind come from the OSGi service registry;
 * lookups read one immutable snapshot, so the hot path takes no lock.
 */
public final class PolicyRegistry {

    private record Registered(LoadBalancingPolicy policy, int ranking, long serviceId) {

        boolean outranks(Registered other) {
            return ranking != other.ranking ? ranking > other.ranking : serviceId < other.serviceId;
        }
    }

    private final Map<Long, Map<String, Registered>> byService = new HashMap<>();
    private volatile Map<String, LoadBalancingPolicy> byName = Map.of();

    public Optional<LoadBalancingPolicy> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public synchronized void add(LoadBalancingPolicy policy, Map<String, ?> properties) {
        long serviceId = ((Number) properties.get("service.id")).longValue();
        Object ranking = properties.get("service.ranking");
        Registered registered = new Registered(policy, ranking instanceof Integer r ? r : 0, serviceId);
        Map<String, Registered> names = new HashMap<>();
        for (String name : names(properties.get(BalancerName.PROPERTY))) {
            names.put(name, registered);
        }
        byService.put(serviceId, names);
        publish();
    }

    public synchronized void remove(Map<String, ?> properties) {
        byService.remove(((Number) properties.get("service.id")).longValue());
        publish();
    }

    private void publish() {
        Map<String, Registered> winners = new HashMap<>();
        for (Map<String, Registered> names : byService.values()) {
            names.forEach((name, candidate) -> winners.merge(name, candidate,
                    (current, challenger) -> challenger.outranks(current) ? challenger : current));
        }
        Map<String, LoadBalancingPolicy> snapshot = new HashMap<>();
        winners.forEach((name, registered) -> snapshot.put(name, registered.policy()));
        byName = Map.copyOf(snapshot);
    }

    private static String[] names(Object property) {
        if (property instanceof String name) {
            return new String[] {name};
        }
        if (property instanceof String[] names) {
            return names;
        }
        return new String[0];
    }
}
