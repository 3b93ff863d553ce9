package org.gatehouse.launcher;

import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Gatehouse main class: {@code gatehouse [--config FILE]}. Boots Felix with every bundle in {@code bundle/},
 * runs in the foreground and exits when the framework stops: 0 normally (SIGTERM included), 64 for a bad command
 * line, 70 if the framework fails, 78 for a missing or (as the core reports) invalid configuration.
 */
public final class Launcher {

    /** The configuration used when no {@code --config} is given, relative to the home. */
    static final String DEFAULT_CONFIG = "conf/gatehouse.yaml";

    // No static logger here: creating one would set up java.util.logging before main can choose its LogManager.

    private Launcher() {
    }

    public static void main(String[] args) {
        LogSetup.useLauncherLogManager();
        System.exit(launch(args));
    }

    private static int launch(String[] args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args, Path.of("").toAbsolutePath());
        } catch (UsageException e) {
            System.err.println("gatehouse: " + e.getMessage());
            System.err.print(Arguments.USAGE);
            return ExitCodes.USAGE;
        }
        if (arguments.help()) {
            System.out.print(Arguments.USAGE);
            return ExitCodes.OK;
        }

        Path home = Home.find();
        Path config = arguments.config().orElse(home.resolve(DEFAULT_CONFIG));
        Optional<String> problem = ConfigFile.problem(config);
        if (problem.isPresent()) {
            System.err.println("gatehouse: " + problem.get());
            return ExitCodes.CONFIG;
        }

        LogSetup.configure();
        Logger.getLogger(Launcher.class.getName()).info("Gatehouse starting: home " + home + ", config " + config);
        return new FrameworkRunner(home, config).run();
    }
}
