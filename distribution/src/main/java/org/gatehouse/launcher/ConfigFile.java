package org.gatehouse.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The launcher's own check of the configuration file: it must be there; the core checks what is in it. */
final class ConfigFile {

    private ConfigFile() {
    }

    /** What keeps {@code file} from being read, as one line naming it; empty if it looks readable. */
    static Optional<String> problem(Path file) {
        if (!Files.exists(file)) {
            return Optional.of("config file does not exist: " + file);
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of("config file is not a regular file: " + file);
        }
        if (!Files.isReadable(file)) {
            return Optional.of("config file is not readable: " + file);
        }
        return Optional.empty();
    }
}
