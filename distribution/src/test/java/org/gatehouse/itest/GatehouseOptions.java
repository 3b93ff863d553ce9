package org.gatehouse.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * Pax Exam options for an integration test class, built in its {@code @Configuration} method (which runs outside
 * the framework, in the same JVM, before the framework starts):
 *
 * <ul>
 *   <li>every jar of the assembled distribution's {@code bundle/} and {@code deploy/} folders, fragments not
 *   started; or, with {@link #gatewayDeploying}, some {@code deploy/} jars left to FileInstall;</li>
 *   <li>JUnit for the probe, a clean bundle cache, paranoid leak detection;</li>
 *   <li>{@code gatehouse.config} naming the YAML file the test class wrote, polled every 200 ms;</li>
 *   <li>the demo echo server on any free port, FileInstall watching an empty folder;</li>
 *   <li>the test's own properties (upstream ports and the like), read in the probe with {@link #intProperty}.</li>
 * </ul>
 *
 * Each property is set both as a framework property and as a system property: the core may read either, and the
 * probe (same JVM) reads system properties.
 */
public final class GatehouseOptions {

    /** Set by failsafe: the assembled distribution, {@code distribution/target/gatehouse}. */
    public static final String DIST_PROPERTY = "gatehouse.dist";
    public static final String CONFIG_PROPERTY = "gatehouse.config";
    /** The folder FileInstall watches in a test, as seen by the probe. */
    public static final String DEPLOY_DIR_PROPERTY = "itest.deploy.dir";

    private GatehouseOptions() {
    }

    /**
     * The options for a test class whose gateway runs {@code yaml}.
     *
     * @param testClass names the class's work folder, {@code distribution/target/itest/<SimpleName>}
     * @param yaml the configuration file's content
     * @param extra more options, typically {@link #property}
     */
    public static Option[] gateway(Class<?> testClass, String yaml, Option... extra) {
        return gatewayDeploying(testClass, yaml, List.of(), extra);
    }

    /**
     * Like {@link #gateway}, but the distribution's {@code deploy/} jars whose file names start with one of
     * {@code deployedByFileInstall} are not installed by Pax Exam: they are copied into the FileInstall folder, whose
     * path the probe reads with {@code System.getProperty(DEPLOY_DIR_PROPERTY)}, so a test can replace or remove them
     * as an operator would.
     */
    public static Option[] gatewayDeploying(Class<?> testClass, String yaml, List<String> deployedByFileInstall,
                                            Option... extra) {
        Path work = workDir(testClass);
        Path config = work.resolve("gatehouse.yaml");
        Path deploy = work.resolve("deploy");
        List<Path> jars = new ArrayList<>();
        try {
            Files.createDirectories(deploy);
            Files.writeString(config, yaml);
            for (Path jar : distributionJars()) {
                if (startsWithAny(jar, deployedByFileInstall)) {
                    Files.copy(jar, deploy.resolve(jar.getFileName()));
                } else {
                    jars.add(jar);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Option> options = new ArrayList<>();
        options.add(bundles(jars));
        options.add(property(DEPLOY_DIR_PROPERTY, deploy.toAbsolutePath().toString()));
        options.add(junitBundles());
        options.add(cleanCaches());
        options.add(property(CONFIG_PROPERTY, config.toAbsolutePath().toString()));
        options.add(property("gatehouse.config.poll", "200ms"));
        options.add(property("gatehouse.demo.echo.port", "0"));
        options.add(property("felix.fileinstall.dir", deploy.toAbsolutePath().toString()));
        options.add(property("felix.fileinstall.noInitialDelay", "true"));
        options.add(systemProperty("io.netty.leakDetection.level").value("paranoid"));
        // pax-logging-api prints every DEBUG line of Netty to stdout by default; errors (leak reports) stay on.
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("INFO"));
        options.addAll(List.of(extra));
        return options.toArray(Option[]::new);
    }

    /** A property for the framework and the probe. */
    public static Option property(String key, String value) {
        return composite(frameworkProperty(key).value(value), systemProperty(key).value(value));
    }

    public static Option property(String key, int value) {
        return property(key, Integer.toString(value));
    }

    /** Reads, in the probe, a property set with {@link #property}; fails clearly when it is missing. */
    public static int intProperty(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("system property " + key + " is not set; the test's @Configuration"
                    + " method must pass it with GatehouseOptions.property");
        }
        return Integer.parseInt(value);
    }

    /**
     * A loopback port for test upstreams, which must be known before the framework starts (they go into the YAML),
     * and for targets that must refuse connections.
     */
    public static int freePort() {
        return LoopbackPorts.free();
    }

    /** The assembled distribution folder. */
    public static Path distribution() {
        String dist = System.getProperty(DIST_PROPERTY);
        if (dist == null) {
            throw new IllegalStateException("system property " + DIST_PROPERTY + " is not set; run the *IT classes"
                    + " with `mvn verify` (failsafe sets it to distribution/target/gatehouse)");
        }
        Path path = Paths.get(dist);
        if (!Files.isDirectory(path.resolve("bundle"))) {
            throw new IllegalStateException(path + "/bundle does not exist; package the distribution first");
        }
        return path;
    }

    /** The jars of {@code bundle/} and {@code deploy/}, fragments first, each group sorted by file name. */
    public static List<Path> distributionJars() {
        try (Stream<Path> files = Stream.concat(Files.list(distribution().resolve("bundle")),
                Files.list(distribution().resolve("deploy")))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted(Comparator.comparing((Path p) -> !isFragment(p))
                            .thenComparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the jar's manifest has {@code Fragment-Host}. */
    public static boolean isFragment(Path jar) {
        return manifest(jar).getMainAttributes().getValue("Fragment-Host") != null;
    }

    public static Manifest manifest(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                throw new IllegalStateException(jar + " has no manifest");
            }
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean startsWithAny(Path jar, List<String> prefixes) {
        String name = jar.getFileName().toString();
        return prefixes.stream().anyMatch(name::startsWith);
    }

    /**
     * The given distribution bundles. Fragments are installed first and never started: Pax Exam installs everything
     * before it starts the framework, so nothing resolves before the epoll native fragment is there to attach to
     * netty-transport-classes-epoll (toolchain pitfall P8); listing fragments first keeps that true even if a
     * container resolved hosts eagerly.
     */
    private static Option bundles(List<Path> jars) {
        List<Option> bundles = new ArrayList<>();
        for (Path jar : jars) {
            String url = jar.toUri().toString();
            bundles.add(isFragment(jar) ? bundle(url).noStart() : bundle(url));
        }
        return composite(bundles.toArray(Option[]::new));
    }

    private static Path workDir(Class<?> testClass) {
        Path dir = distribution().toAbsolutePath().getParent().resolve("itest").resolve(testClass.getSimpleName());
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
