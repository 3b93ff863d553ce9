package org.gatehouse.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Installs every {@code bundle/*.jar}, then starts every one that is not a fragment. All are installed before any is
 * started, so a fragment (Netty's epoll natives) is in place when its host resolves. A bundle that fails is logged in
 * one line and skipped.
 */
final class BundleInstaller {

    private static final Logger LOG = Logger.getLogger(BundleInstaller.class.getName());

    /**
     * The gateway's start level, one above every other bundle's: it starts after, and stops before, everything it
     * uses (policies, plugins, the demo's echo server), so a stop closes its sessions while their upstreams still run.
     */
    static final int GATEWAY_START_LEVEL = 2;

    static final String GATEWAY_BUNDLE = "org.gatehouse.core";

    private BundleInstaller() {
    }

    /** The {@code *.jar} files in {@code directory}, in name order. */
    static List<Path> bundleFiles(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "*.jar")) {
            for (Path jar : jars) {
                if (Files.isRegularFile(jar)) {
                    files.add(jar);
                }
            }
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files;
    }

    /** Installs {@code files} in order, until {@code stopping} says so; returns the bundles that installed. */
    static List<Bundle> installAll(BundleContext context, List<Path> files, BooleanSupplier stopping) {
        List<Bundle> installed = new ArrayList<>(files.size());
        for (Path file : files) {
            if (stopping.getAsBoolean()) {
                break;
            }
            try {
                installed.add(context.installBundle(file.toUri().toString()));
            } catch (BundleException | RuntimeException e) {
                LOG.log(Level.SEVERE, "bundle {0} failed to install: {1}", new Object[] {file.getFileName(), reason(e)});
                LOG.log(Level.FINE, "install failure of " + file, e);
            }
        }
        return installed;
    }

    /**
     * Starts every bundle that is not a fragment. Before the framework itself is started this only marks them to be
     * started; the framework starts them when it reaches its start level, and Felix logs any that fail then.
     */
    static void startAll(List<Bundle> bundles, BooleanSupplier stopping) {
        for (Bundle bundle : bundles) {
            if (stopping.getAsBoolean()) {
                break;
            }
            if (isFragment(bundle)) {
                continue;
            }
            try {
                if (GATEWAY_BUNDLE.equals(bundle.getSymbolicName())) {
                    bundle.adapt(BundleStartLevel.class).setStartLevel(GATEWAY_START_LEVEL);
                }
                bundle.start();
            } catch (BundleException | RuntimeException e) {
                LOG.log(Level.SEVERE, "bundle {0} failed to start: {1}", new Object[] {name(bundle), reason(e)});
                LOG.log(Level.FINE, "start failure of " + name(bundle), e);
            }
        }
    }

    static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    /** The bundle's symbolic name and location file, e.g. {@code org.gatehouse.core (org.gatehouse.core-0.1.0.jar)}. */
    static String name(Bundle bundle) {
        String location = bundle.getLocation();
        return bundle.getSymbolicName() + " (" + location.substring(location.lastIndexOf('/') + 1) + ")";
    }

    /** The exception's message, followed by its causes', on one line. */
    static String reason(Throwable error) {
        StringBuilder reason = new StringBuilder();
        int depth = 0;
        for (Throwable t = error; t != null && depth < 8; t = t.getCause(), depth++) {
            if (reason.length() > 0) {
                reason.append(": ");
            }
            reason.append(t.getMessage() != null ? t.getMessage() : t.getClass().getName());
        }
        return reason.toString().replace(System.lineSeparator(), " ").replace('\n', ' ');
    }
}
