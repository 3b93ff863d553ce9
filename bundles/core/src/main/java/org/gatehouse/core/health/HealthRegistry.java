package org.gatehouse.core.health;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.gatehouse.core.balancer.TargetId;
import org.gatehouse.core.config.GatewayConfig;
import org.gatehouse.core.config.TargetConfig;
import org.gatehouse.core.config.UpstreamConfig;

/**
 * The health of every target, kept across config reloads (keyed by upstream name and address), and the one place
 * that reports transitions.
 */
public final class HealthRegistry {

    private final ConcurrentHashMap<TargetId, TargetHealth> targets = new ConcurrentHashMap<>();
    private final Executor notifier;
    private final Consumer<HealthTransition> onTransition;

    /**
     * @param notifier where {@code onTransition} runs: never the event loop that saw the failure
     * @param onTransition told of every change, in order
     */
    public HealthRegistry(Executor notifier, Consumer<HealthTransition> onTransition) {
        this.notifier = notifier;
        this.onTransition = onTransition;
    }

    public boolean acceptsSessions(String upstream, String address, long nowNanos) {
        TargetHealth health = targets.get(new TargetId(upstream, address));
        return health == null || health.acceptsSessions(nowNanos);
    }

    /** A real failure of a session or handshake on this target; counted when the upstream has passive checks. */
    public void passiveFailure(UpstreamConfig upstream, String address, String why) {
        if (upstream.healthChecks().passive()) {
            report(of(upstream.name(), address).passiveFailure(upstream.healthChecks(), System.nanoTime(), why));
        }
    }

    /** A session established on this target. */
    public void passiveSuccess(UpstreamConfig upstream, String address) {
        TargetHealth health = targets.get(new TargetId(upstream.name(), address));
        if (health != null) {
            report(health.passiveSuccess());
        }
    }

    /** The result of an active probe. */
    public void probed(UpstreamConfig upstream, String address, boolean good, String detail) {
        report(of(upstream.name(), address).probed(upstream.healthChecks(), good, detail));
    }

    /** Forgets the targets that {@code config} no longer has, so they are not listed as unhealthy forever. */
    public void retainTargetsOf(GatewayConfig config) {
        Set<TargetId> configured = new HashSet<>();
        for (UpstreamConfig upstream : config.upstreams().values()) {
            for (TargetConfig target : upstream.targets()) {
                configured.add(new TargetId(upstream.name(), target.address()));
            }
        }
        targets.keySet().retainAll(configured);
    }

    /** The targets currently unhealthy, as {@code <upstream>/<host:port>}. */
    public List<String> unhealthy() {
        return targets.entrySet().stream()
                .filter(entry -> !entry.getValue().healthy())
                .map(entry -> entry.getKey().toString())
                .sorted()
                .toList();
    }

    private TargetHealth of(String upstream, String address) {
        return targets.computeIfAbsent(new TargetId(upstream, address), TargetHealth::new);
    }

    private void report(Optional<HealthTransition> transition) {
        transition.ifPresent(change -> notifier.execute(() -> onTransition.accept(change)));
    }
}
