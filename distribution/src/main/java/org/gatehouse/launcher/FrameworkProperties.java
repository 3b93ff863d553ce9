package org.gatehouse.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The framework properties: the launcher's defaults, overridden by {@code conf/framework.properties} if present. */
final class FrameworkProperties {

    /** The optional override file, relative to the home. */
    static final String OVERRIDES = "conf/framework.properties";

    /** The property the core reads the configuration file from. */
    static final String CONFIG = "gatehouse.config";

    private FrameworkProperties() {
    }

    /** The launcher's defaults for an install at {@code home} running {@code config}. */
    static Map<String, String> defaults(Path home, Path config) {
        Path data = home.resolve("data");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("org.osgi.framework.storage", data.resolve("felix-cache").toString());
        // A fresh cache on every start: a process killed with -9 leaves nothing behind that could block the next one.
        properties.put("org.osgi.framework.storage.clean", "onFirstInit");
        properties.put("org.osgi.framework.startlevel.beginning", String.valueOf(BundleInstaller.GATEWAY_START_LEVEL));
        properties.put("felix.fileinstall.dir", home.resolve("deploy").toString());
        properties.put("felix.fileinstall.poll", "1000");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.bundles.new.start", "true");
        properties.put("felix.fileinstall.tmpdir", data.resolve("fileinstall-tmp").toString());
        properties.put(CONFIG, config.toString());
        return properties;
    }

    /** {@link #defaults} with the entries of {@code <home>/conf/framework.properties} laid over them. */
    static Map<String, String> load(Path home, Path config) throws IOException {
        Map<String, String> properties = defaults(home, config);
        Path overrides = home.resolve(OVERRIDES);
        if (Files.exists(overrides)) {
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(overrides, StandardCharsets.UTF_8)) {
                file.load(in);
            }
            for (String name : file.stringPropertyNames()) {
                properties.put(name, file.getProperty(name));
            }
        }
        return properties;
    }

    /** Creates {@code deploy/} and {@code data/} under {@code home} if they are missing. */
    static void createDirectories(Path home) throws IOException {
        Files.createDirectories(home.resolve("deploy"));
        Files.createDirectories(home.resolve("data"));
    }
}
