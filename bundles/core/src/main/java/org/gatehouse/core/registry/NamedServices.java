package org.gatehouse.core.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The services of one kind currently registered, by the names in one service property (for example the policies by
 * {@code gatehouse.balancer.name}). Bind and unbind come from the OSGi service registry; lookups read one immutable
 * snapshot, so the hot path takes no lock. When several services claim a name, the highest
 * {@code service.ranking} wins, then the oldest service.
 *
 * @param <S> the service type
 */
public final class NamedServices<S> {

    private record Registered<S>(S service, int ranking, long serviceId) {

        boolean outranks(Registered<S> other) {
            return ranking != other.ranking ? ranking > other.ranking : serviceId < other.serviceId;
        }
    }

    private final String nameProperty;
    private final Map<Long, Map<String, Registered<S>>> byService = new HashMap<>();
    private volatile Map<String, S> byName = Map.of();

    /** @param nameProperty the service property holding a service's name, or names as a String[] */
    public NamedServices(String nameProperty) {
        this.nameProperty = nameProperty;
    }

    public Optional<S> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public synchronized void add(S service, Map<String, ?> properties) {
        long serviceId = ((Number) properties.get("service.id")).longValue();
        Object ranking = properties.get("service.ranking");
        Registered<S> registered = new Registered<>(service, ranking instanceof Integer r ? r : 0, serviceId);
        Map<String, Registered<S>> names = new HashMap<>();
        for (String name : names(properties.get(nameProperty))) {
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
        Map<String, Registered<S>> winners = new HashMap<>();
        for (Map<String, Registered<S>> names : byService.values()) {
            names.forEach((name, candidate) -> winners.merge(name, candidate,
                    (current, challenger) -> challenger.outranks(current) ? challenger : current));
        }
        Map<String, S> snapshot = new HashMap<>();
        winners.forEach((name, registered) -> snapshot.put(name, registered.service()));
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
