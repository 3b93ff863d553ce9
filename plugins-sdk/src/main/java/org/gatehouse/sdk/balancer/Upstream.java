package org.gatehouse.sdk.balancer;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An upstream as a policy sees it when it creates a selector.
 *
 * @param name the upstream's configured name
 * @param targets every configured target, healthy or not, in configuration order
 * @param settings policy settings from the upstream's configuration (for example {@code hash_on}); may be empty
 */
public record Upstream(String name, List<Target> targets, Map<String, String> settings) {

    public Upstream {
        Objects.requireNonNull(name, "name");
        targets = List.copyOf(targets);
        settings = Map.copyOf(settings);
    }
}
