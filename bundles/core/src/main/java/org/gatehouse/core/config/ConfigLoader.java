package org.gatehouse.core.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Reads the gateway's YAML configuration into a validated {@link GatewayConfig}.
 *
 * <p>A refused configuration throws one {@link ConfigException} listing every problem found, one line each:
 * {@code <file>: <key path>: <reason>}, e.g. {@code gatehouse.yaml: server.port: 70000 is out of range (expected:
 * 0-65535)}. A text that is not YAML gives one line with the position instead of the key path:
 * {@code <file>: line 3, column 5: <problem>}.
 */
public final class ConfigLoader {

    private static final long MAX_SETTING_MILLIS = Duration.ofHours(24).toMillis();

    private ConfigLoader() {
    }

    /** Reads {@code file} as UTF-8 and {@linkplain #parse parses} it, naming it as given in every error line. */
    public static GatewayConfig load(Path file) throws ConfigException {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(Problems.line(source, "cannot read", reason(e))));
        }
        return parse(text, source);
    }

    /**
     * Parses and validates {@code text}.
     *
     * @param source the file name that starts every error line
     */
    public static GatewayConfig parse(String text, String source) throws ConfigException {
        return ConfigSchema.read(YamlParser.parse(text, source), source);
    }

    /**
     * Reads a duration written as in the configuration file, such as {@code 200ms}, for settings that come from
     * elsewhere (framework properties).
     *
     * @param name the setting's name, which starts the error line
     */
    public static Duration duration(String text, String name) throws ConfigException {
        try {
            return Duration.ofMillis(UnitFormat.DURATION.parse(text.trim(), 1, MAX_SETTING_MILLIS));
        } catch (InvalidValueException e) {
            throw new ConfigException(List.of(name + ": " + e.getMessage()));
        }
    }

    /** The messages of file system exceptions repeat the file name, which the error line already starts with. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (e instanceof FileSystemException fileSystemException && fileSystemException.getReason() != null) {
            return fileSystemException.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
