package org.gatehouse.core.health;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.gatehouse.core.config.GatewayConfig;
import org.gatehouse.core.config.HealthChecksConfig;
import org.gatehouse.core.config.TargetConfig;
import org.gatehouse.core.config.UpstreamConfig;
import org.gatehouse.core.registry.NamedServices;
import org.gatehouse.sdk.balancer.Target;
import org.gatehouse.sdk.health.HealthProbe;
import org.gatehouse.sdk.health.ProbeRequest;
import org.gatehouse.sdk.health.ProbeResult;

/**
 * Probes the targets of every upstream with a health {@code path}, at start and then every {@code interval}, through
 * the {@link HealthProbe} service of the configured type, on the given scheduler (never an event loop). Without a probe
 * service of that type the targets keep their last state, and probing resumes when one is registered.
 */
public final class ActiveHealthChecker {

    private static final Logger logger = System.getLogger(ActiveHealthChecker.class.getName());

    /** A provider whose answer is this late after its own timeout counts as a failed probe. */
    private static final long ANSWER_GRACE_MILLIS = 1000;

    private final NamedServices<HealthProbe> probes;
    private final HealthRegistry health;
    private final ScheduledExecutorService scheduler;
    private final Set<String> missingTypes = ConcurrentHashMap.newKeySet();
    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();

    public ActiveHealthChecker(NamedServices<HealthProbe> probes, HealthRegistry health,
                               ScheduledExecutorService scheduler) {
        this.probes = probes;
        this.health = health;
        this.scheduler = scheduler;
    }

    /** Replaces every schedule with those of {@code config}. */
    public synchronized void apply(GatewayConfig config) {
        schedules.forEach(schedule -> schedule.cancel(false));
        schedules.clear();
        for (UpstreamConfig upstream : config.upstreams().values()) {
            HealthChecksConfig checks = upstream.healthChecks();
            if (!checks.active()) {
                continue;
            }
            long interval = checks.interval().toMillis();
            for (TargetConfig target : upstream.targets()) {
                schedules.add(scheduler.scheduleWithFixedDelay(() -> probe(upstream, target), 0, interval,
                        TimeUnit.MILLISECONDS));
            }
        }
    }

    private void probe(UpstreamConfig upstream, TargetConfig target) {
        HealthChecksConfig checks = upstream.healthChecks();
        Optional<HealthProbe> probe = probes.find(checks.type());
        if (probe.isEmpty()) {
            if (missingTypes.add(checks.type())) {
                logger.log(Level.WARNING, "no health probe of type \"{0}\" is installed; targets of upstream \"{1}\""
                        + " keep their last state until one is", checks.type(), upstream.name());
            }
            return;
        }
        if (missingTypes.remove(checks.type())) {
            logger.log(Level.INFO, "health probe of type \"{0}\" is back; probing resumes", checks.type());
        }
        ProbeRequest request = new ProbeRequest(new Target(target.host(), target.port(), target.weight()),
                target.secure(), checks.path(), checks.headers(), checks.timeout());
        try {
            probe.get().probe(request).toCompletableFuture()
                    .orTimeout(checks.timeout().toMillis() + ANSWER_GRACE_MILLIS, TimeUnit.MILLISECONDS)
                    .whenComplete((result, error) -> record(upstream, target, result, error));
        } catch (RuntimeException e) {
            record(upstream, target, null, e);
        }
    }

    private void record(UpstreamConfig upstream, TargetConfig target, ProbeResult result, Throwable error) {
        if (result != null && error == null) {
            health.probed(upstream, target.address(), result.healthy(), result.detail());
        } else {
            health.probed(upstream, target.address(), false, "the probe failed: " + error);
        }
    }
}
