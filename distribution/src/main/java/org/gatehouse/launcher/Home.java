package org.gatehouse.launcher;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

/** Finds the install home: the folder holding bin/, lib/, bundle/, conf/ and deploy/. */
final class Home {

    /** The system property the start script sets. */
    static final String PROPERTY = "gatehouse.home";

    private Home() {
    }

    /** The home of this process: {@value #PROPERTY}, else derived from where the launcher jar lies. */
    static Path find() {
        return resolve(System.getProperty(PROPERTY), launcherLocation());
    }

    /**
     * The home named by {@code property} if set, else the parent of the folder holding {@code launcherJar}
     * ({@code <home>/lib/gatehouse-distribution.jar}); else the working directory. Always absolute.
     */
    static Path resolve(String property, Path launcherJar) {
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        if (launcherJar != null) {
            Path lib = launcherJar.toAbsolutePath().normalize().getParent();
            if (lib != null && lib.getParent() != null) {
                return lib.getParent();
            }
        }
        return Path.of("").toAbsolutePath();
    }

    private static Path launcherLocation() {
        CodeSource source = Home.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
