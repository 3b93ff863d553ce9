package org.gatehouse.core.balancer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gatehouse.core.config.TargetConfig;
import org.gatehouse.core.config.UpstreamConfig;
import org.gatehouse.core.health.HealthRegistry;
import org.gatehouse.sdk.balancer.Candidate;
import org.gatehouse.sdk.balancer.LoadBalancingPolicy;
import org.gatehouse.sdk.balancer.SelectionContext;
import org.gatehouse.sdk.balancer.Target;
import org.gatehouse.sdk.balancer.TargetSelector;
import org.gatehouse.sdk.balancer.Upstream;

/**
 * Places new sessions of one upstream on its targets through the upstream's policy. The policy's selector is
 * created on first use and again whenever the policy service changes (a bundle update), never touching sessions.
 */
public final class UpstreamBalancer {

    private record Binding(LoadBalancingPolicy policy, TargetSelector selector) {
    }

    private final UpstreamConfig config;
    private final Upstream upstream;
    private final Map<String, TargetConfig> targetsByAddress = new LinkedHashMap<>();
    private final TargetLoad load;
    private final HealthRegistry health;
    private volatile Binding binding;

    public UpstreamBalancer(UpstreamConfig config, TargetLoad load, HealthRegistry health) {
        this.config = config;
        this.load = load;
        this.health = health;
        List<Target> targets = new ArrayList<>();
        for (TargetConfig target : config.targets()) {
            targets.add(new Target(target.host(), target.port(), target.weight()));
            targetsByAddress.put(target.address(), target);
        }
        Map<String, String> settings = config.hashOn().map(hashOn -> Map.of("hash_on", hashOn)).orElse(Map.of());
        this.upstream = new Upstream(config.name(), targets, settings);
    }

    public UpstreamConfig config() {
        return config;
    }

    /**
     * Picks a target for a new session among the healthy targets not in {@code excluded}.
     *
     * @return the target, or empty when no target is healthy and not excluded
     * @throws PolicyFailure when the policy refuses this upstream or returns something that is not a candidate
     */
    public Optional<TargetConfig> pick(LoadBalancingPolicy policy, Set<String> excluded, SelectionContext context)
            throws PolicyFailure {
        List<Candidate> candidates = new ArrayList<>();
        long now = System.nanoTime();
        for (Target target : upstream.targets()) {
            if (!excluded.contains(target.address())
                    && health.acceptsSessions(config.name(), target.address(), now)) {
                candidates.add(new Candidate(target, load.live(config.name(), target.address())));
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Target chosen;
        try {
            chosen = selector(policy).select(List.copyOf(candidates), context);
        } catch (RuntimeException e) {
            throw new PolicyFailure("policy \"" + config.algorithm() + "\" failed: " + e, e);
        }
        if (chosen == null || excluded.contains(chosen.address()) || !targetsByAddress.containsKey(chosen.address())) {
            throw new PolicyFailure("policy \"" + config.algorithm() + "\" chose " + chosen
                    + ", which is not a candidate", null);
        }
        return Optional.of(targetsByAddress.get(chosen.address()));
    }

    private TargetSelector selector(LoadBalancingPolicy policy) {
        Binding current = binding;
        if (current == null || current.policy() != policy) {
            // Concurrent first uses may each build a selector; the last one stays, which is harmless.
            current = new Binding(policy, policy.newSelector(upstream));
            binding = current;
        }
        return current.selector();
    }
}
