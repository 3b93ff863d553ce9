package org.gatehouse.core;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.gatehouse.core.balancer.TargetId;
import org.gatehouse.core.balancer.TargetLoad;
import org.gatehouse.core.config.ConfigException;
import org.gatehouse.core.config.ConfigFileWatcher;
import org.gatehouse.core.config.ConfigLoader;
import org.gatehouse.core.config.GatewayConfig;
import org.gatehouse.core.config.ServerConfig;
import org.gatehouse.core.config.UpstreamConfig;
import org.gatehouse.core.health.ActiveHealthChecker;
import org.gatehouse.core.health.HealthRegistry;
import org.gatehouse.core.health.HealthTransition;
import org.gatehouse.core.registry.NamedServices;
import org.gatehouse.core.server.ActiveConfig;
import org.gatehouse.core.server.GatewayServer;
import org.gatehouse.sdk.balancer.BalancerName;
import org.gatehouse.sdk.balancer.LoadBalancingPolicy;
import org.gatehouse.sdk.health.HealthProbe;
import org.gatehouse.sdk.health.ProbeType;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The gateway's lifecycle in the framework: loads the configuration file named by {@code gatehouse.config}, binds
 * the client listener once the policies the configuration names are registered, applies file changes to new
 * connections, runs the health checks, and closes every session with 1001 when stopped.
 *
 * <p>Publishes the bound listener as a {@link SocketAddress} service (a JDK type, so nothing imports the core)
 * whose properties count the applied and refused configurations and list the unhealthy targets.
 */
@Component(immediate = true, service = {})
public final class GatewayComponent {

    private static final Logger logger = System.getLogger(GatewayComponent.class.getName());

    /** sysexits.h EX_CONFIG: the configuration is invalid. */
    static final int EXIT_CONFIG = 78;
    /** sysexits.h EX_UNAVAILABLE: the listener cannot be bound. */
    static final int EXIT_UNAVAILABLE = 69;

    /** How long the listener waits at start for the policies the configuration names (deployed by FileInstall). */
    static final Duration POLICY_WAIT = Duration.ofSeconds(5);

    private final NamedServices<LoadBalancingPolicy> policies = new NamedServices<>(BalancerName.PROPERTY);
    private final NamedServices<HealthProbe> probes = new NamedServices<>(ProbeType.PROPERTY);
    private final TargetLoad load = new TargetLoad();
    /** Runs the probes and handles health transitions: the gateway's one thread that is not an event loop. */
    private final ScheduledExecutorService healthThread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gatehouse-health");
        thread.setDaemon(true);
        return thread;
    });
    private final HealthRegistry health = new HealthRegistry(healthThread, this::onHealthTransition);
    private BundleContext context;
    private Path configFile;
    private GatewayServer server;
    private ActiveHealthChecker healthChecker;
    private ConfigFileWatcher watcher;
    private ServiceRegistration<SocketAddress> registration;
    private volatile ActiveConfig active;
    private boolean stopped;
    private long generation;
    private long rejections;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, target = "(gatehouse.launcher=exit)")
    private volatile IntConsumer exit;

    /** Runs after DS bound the references, so policies and the exit service are known before the first handshake. */
    @Activate
    void activate(BundleContext bundleContext) throws Exception {
        context = bundleContext;
        configFile = Path.of(property("gatehouse.config", "conf/gatehouse.yaml")).toAbsolutePath();
        // Read before loading: a change in between then shows up as a change at the watcher's first poll.
        byte[] baseline = readIfPresent(configFile);
        Duration pollInterval;
        GatewayConfig config;
        try {
            pollInterval = ConfigLoader.duration(property("gatehouse.config.poll", "1s"), "gatehouse.config.poll");
            config = ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            e.errors().forEach(error -> logger.log(Level.ERROR, error));
            throw fatal(EXIT_CONFIG, "invalid configuration " + configFile, e);
        }
        active = new ActiveConfig(config, load, health);
        generation = 1;
        server = new GatewayServer(() -> active, policies, load, health);
        healthChecker = new ActiveHealthChecker(probes, health, healthThread);
        healthChecker.apply(config);
        watcher = new ConfigFileWatcher(configFile, baseline, pollInterval, this::reload);
        synchronized (this) {
            if (missingPolicies().isEmpty()) {
                bind();
            } else {
                healthThread.schedule(this::bindLate, POLICY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPolicy(LoadBalancingPolicy policy, Map<String, Object> properties) {
        policies.add(policy, properties);
        bindIfWaitingAndReady();
    }

    void removePolicy(LoadBalancingPolicy policy, Map<String, Object> properties) {
        policies.remove(properties);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProbe(HealthProbe probe, Map<String, Object> properties) {
        probes.add(probe, properties);
    }

    void removeProbe(HealthProbe probe, Map<String, Object> properties) {
        probes.remove(properties);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        synchronized (this) {
            stopped = true;
        }
        watcher.close();
        healthThread.shutdownNow();
        if (registration != null) {
            registration.unregister();
        }
        Duration grace = active.config().server().shutdownGrace();
        logger.log(Level.INFO, "Gatehouse stopping: closing {0} sessions with 1001 (shutdown_grace {1} ms)",
                server.sessions(), grace.toMillis());
        server.stop(grace);
        logger.log(Level.INFO, "Gatehouse stopped");
    }

    private synchronized void bindIfWaitingAndReady() {
        if (server != null && registration == null && !stopped && missingPolicies().isEmpty()) {
            bindOrExit();
        }
    }

    private synchronized void bindLate() {
        if (registration == null && !stopped) {
            logger.log(Level.WARNING, "no load-balancing policy {0} after {1} ms; their upstreams answer 503 until "
                    + "they are installed", missingPolicies(), POLICY_WAIT.toMillis());
            bindOrExit();
        }
    }

    private void bindOrExit() {
        try {
            bind();
        } catch (IllegalStateException e) {
            logger.log(Level.DEBUG, "late bind failed", e);
        }
    }

    /** Binds the listener and publishes it; a failure ends the process when the launcher offers that. */
    private synchronized void bind() {
        if (registration != null) {
            return;
        }
        ServerConfig listen = active.config().server();
        InetSocketAddress listening;
        try {
            listening = server.start(listen.host(), listen.port());
        } catch (Exception e) {
            logger.log(Level.ERROR, "cannot listen on " + listen.host() + ":" + listen.port() + ": " + e);
            throw fatal(EXIT_UNAVAILABLE, "cannot bind the client listener", e);
        }
        registration = context.registerService(SocketAddress.class, listening, serviceProperties());
        logger.log(Level.INFO, "Gatehouse listening on {0}:{1,number,#}; try ws://localhost:{1,number,#}{2} (config {3})",
                listen.host(), listening.getPort(), active.config().routes().get(0).path(), configFile);
    }

    private List<String> missingPolicies() {
        return active.config().upstreams().values().stream()
                .map(UpstreamConfig::algorithm)
                .distinct()
                .filter(algorithm -> policies.find(algorithm).isEmpty())
                .toList();
    }

    private synchronized void reload(String text) {
        try {
            GatewayConfig next = ConfigLoader.parse(text, configFile.toString());
            ServerConfig before = active.config().server();
            if (!next.server().host().equals(before.host()) || next.server().port() != before.port()) {
                logger.log(Level.WARNING, "{0}: server.host and server.port take effect at the next start; "
                        + "the listener stays where it is", configFile);
            }
            active = new ActiveConfig(next, load, health);
            health.retainTargetsOf(next);
            healthChecker.apply(next);
            generation++;
            logger.log(Level.INFO, "{0}: configuration reloaded ({1} routes, {2} upstreams); live sessions keep "
                    + "their upstream", configFile, next.routes().size(), next.upstreams().size());
        } catch (ConfigException e) {
            rejections++;
            e.errors().forEach(error -> logger.log(Level.ERROR, error));
            logger.log(Level.ERROR, "{0}: change refused, the running configuration stays", configFile);
        }
        publishProperties();
    }

    private void onHealthTransition(HealthTransition transition) {
        TargetId target = transition.target();
        if (transition.healthy()) {
            logger.log(Level.INFO, "upstream \"{0}\" target {1} is healthy again ({2})", target.upstream(),
                    target.address(), transition.reason());
        } else {
            logger.log(Level.WARNING, "upstream \"{0}\" target {1} is unhealthy: {2}", target.upstream(),
                    target.address(), transition.reason());
            active.config().upstream(target.upstream())
                    .filter(upstream -> upstream.healthChecks().rehomeOnUnhealthy())
                    .ifPresent(upstream -> rehome(upstream, target.address()));
        }
        publishProperties();
    }

    private void rehome(UpstreamConfig upstream, String address) {
        Duration window = upstream.healthChecks().rehomeWindow();
        int sessions = server.rehome(upstream.name(), address, window);
        logger.log(Level.INFO, "upstream \"{0}\" target {1}: closing its {2} sessions with 1012 within {3} ms",
                upstream.name(), address, sessions, window.toMillis());
    }

    private synchronized void publishProperties() {
        if (registration != null) {
            registration.setProperties(serviceProperties());
        }
    }

    private Hashtable<String, Object> serviceProperties() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("gatehouse.listener", "client");
        properties.put("gatehouse.config.file", configFile.toString());
        properties.put("gatehouse.config.generation", generation);
        properties.put("gatehouse.config.rejections", rejections);
        properties.put("gatehouse.targets.unhealthy", health.unhealthy().toArray(String[]::new));
        return properties;
    }

    /** Asks the launcher, when there is one, to end the process with {@code code}; the activation fails anyway. */
    private IllegalStateException fatal(int code, String message, Exception cause) {
        IntConsumer launcherExit = exit;
        if (launcherExit != null) {
            launcherExit.accept(code);
        }
        return new IllegalStateException(message, cause);
    }

    private static byte[] readIfPresent(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private String property(String name, String fallback) {
        String value = context.getProperty(name);
        return value == null ? fallback : value;
    }
}
