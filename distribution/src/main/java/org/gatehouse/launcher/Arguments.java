package org.gatehouse.launcher;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The parsed command line.
 *
 * @param config the configuration file, absolute; empty for the default under the install home
 * @param help whether {@code -h} or {@code --help} was given
 */
record Arguments(Optional<Path> config, boolean help) {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: gatehouse [--config FILE]",
            "Runs the Gatehouse WebSocket gateway in the foreground; logs go to stdout.",
            "",
            "  --config FILE  the configuration file (default: <home>/conf/gatehouse.yaml)",
            "  -h, --help     print this help and exit",
            "",
            "Environment: GATEHOUSE_OPTS, extra options for the JVM (e.g. -Xmx512m).",
            "");

    private static final String CONFIG = "--config";

    /**
     * Parses {@code args}; a relative config path is resolved against {@code workingDirectory}.
     *
     * @throws UsageException for an unknown argument, a missing value or a repeated option
     */
    static Arguments parse(String[] args, Path workingDirectory) throws UsageException {
        String config = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value;
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
                continue;
            } else if (arg.equals(CONFIG)) {
                if (i + 1 == args.length) {
                    throw new UsageException(CONFIG + " needs a file");
                }
                value = args[++i];
            } else if (arg.startsWith(CONFIG + "=")) {
                value = arg.substring(CONFIG.length() + 1);
            } else {
                throw new UsageException("unknown argument: " + arg);
            }
            if (value.isEmpty()) {
                throw new UsageException(CONFIG + " needs a file");
            }
            if (config != null) {
                throw new UsageException(CONFIG + " given twice");
            }
            config = value;
        }
        return new Arguments(config == null ? Optional.empty() : Optional.of(resolve(workingDirectory, config)), help);
    }

    private static Path resolve(Path workingDirectory, String file) throws UsageException {
        try {
            return workingDirectory.toAbsolutePath().resolve(file).normalize();
        } catch (InvalidPathException e) {
            throw new UsageException("invalid " + CONFIG + " file: " + file);
        }
    }
}
