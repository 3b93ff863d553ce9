package org.gatehouse.core.config;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls the configuration file and hands over its text when its content changed since it was last seen, valid or not, so
 * a refused file is reported once rather than on every poll. Polling (not a watch service) also sees a file
 * replaced by rename, as editors and config-management tools do. Runs on its own thread, never an event loop.
 */
public final class ConfigFileWatcher implements AutoCloseable {

    private static final Logger logger = System.getLogger(ConfigFileWatcher.class.getName());

    private final Path file;
    private final Consumer<String> onChange;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gatehouse-config-watcher");
        thread.setDaemon(true);
        return thread;
    });
    private byte[] lastSeen;

    /**
     * @param file the configuration file
     * @param seen the content the running configuration was loaded from
     * @param onChange called on the watcher thread with the new text after each change
     */
    public ConfigFileWatcher(Path file, byte[] seen, Duration interval, Consumer<String> onChange) {
        this.file = file;
        this.lastSeen = seen.clone();
        this.onChange = onChange;
        poller.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            return; // mid-rename or briefly absent: the next poll sees the new file
        }
        if (Arrays.equals(content, lastSeen)) {
            return;
        }
        lastSeen = content;
        try {
            onChange.accept(new String(content, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            logger.log(Level.ERROR, "applying a change of " + file + " failed", e);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
