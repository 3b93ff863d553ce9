package org.gatehouse.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/** Boots the framework with the install's bundles, then waits for it to stop; returns the exit code. */
final class FrameworkRunner {

    private static final Logger LOG = Logger.getLogger(FrameworkRunner.class.getName());

    private final Path home;
    private final Path config;
    private final ExitStatus status = new ExitStatus();

    FrameworkRunner(Path home, Path config) {
        this.home = home;
        this.config = config;
    }

    int run() {
        Map<String, String> properties;
        List<Path> files;
        try {
            FrameworkProperties.createDirectories(home);
            files = BundleInstaller.bundleFiles(home.resolve("bundle"));
        } catch (IOException e) {
            LOG.severe("cannot prepare " + home + ": " + e);
            return ExitCodes.SOFTWARE;
        }
        try {
            properties = FrameworkProperties.load(home, config);
        } catch (IOException | IllegalArgumentException e) {
            LOG.severe("cannot read " + home.resolve(FrameworkProperties.OVERRIDES) + ": " + e);
            return ExitCodes.CONFIG;
        }

        long begin = System.nanoTime();
        Framework framework;
        ShutdownHook hook;
        try {
            framework = newFramework(properties);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the framework failed to start", e);
            return ExitCodes.SOFTWARE;
        }
        hook = ShutdownHook.register(framework, status);
        try {
            framework.init();
        } catch (BundleException | RuntimeException e) {
            LOG.log(Level.SEVERE, "the framework failed to start", e);
            hook.unregister();
            return ExitCodes.SOFTWARE;
        }
        BundleContext context = framework.getBundleContext();
        context.registerService(IntConsumer.class, new ExitService(status, () -> stop(framework)),
                FrameworkUtil.asDictionary(Map.of(ExitService.PROPERTY, ExitService.VALUE)));

        // A signal during start-up stops the framework from the hook; then nothing more is installed or started.
        List<Bundle> bundles = BundleInstaller.installAll(context, files, hook::running);
        BundleInstaller.startAll(bundles, hook::running);
        if (!hook.running()) {
            try {
                framework.start();
                report(bundles, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
            } catch (BundleException | RuntimeException e) {
                LOG.log(Level.SEVERE, "the framework failed to start", e);
                status.record(ExitCodes.SOFTWARE);
                stop(framework);
            }
        }

        awaitStop(framework);
        if (!hook.unregister()) {
            // The JVM is shutting down (a signal): the hook stops the framework and ends the process with the code.
            return status.code();
        }
        int code = status.code();
        LOG.info("Gatehouse stopped, exit code " + code);
        return code;
    }

    private static Framework newFramework(Map<String, String> properties) {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, FrameworkRunner.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path (lib/)"));
        Map<String, Object> configuration = new HashMap<>(properties);
        configuration.put(FelixLogBridge.PROPERTY, new FelixLogBridge());
        // Felix takes its logger as an object among the string properties; the map is only read.
        @SuppressWarnings("unchecked")
        Map<String, String> withLogger = (Map<String, String>) (Map<String, ?>) configuration;
        return factory.newFramework(withLogger);
    }

    private static void report(List<Bundle> bundles, long millis) {
        int fragments = 0;
        int active = 0;
        List<String> inactive = new ArrayList<>();
        for (Bundle bundle : bundles) {
            if (BundleInstaller.isFragment(bundle)) {
                fragments++;
            } else if (bundle.getState() == Bundle.ACTIVE) {
                active++;
            } else {
                inactive.add(bundle.getSymbolicName());
            }
        }
        LOG.info(String.format("framework started in %d ms: %d bundles active, %d fragments, %d not active%s",
                millis, active, fragments, inactive.size(), inactive.isEmpty() ? "" : " " + inactive));
    }

    private static void awaitStop(Framework framework) {
        while (true) {
            try {
                framework.waitForStop(0);
                return;
            } catch (InterruptedException e) {
                // Nothing interrupts the main thread on purpose; keep waiting for the framework.
            }
        }
    }

    private static void stop(Framework framework) {
        try {
            framework.stop();
        } catch (BundleException | RuntimeException e) {
            LOG.log(Level.SEVERE, "stopping the framework failed", e);
        }
    }
}
