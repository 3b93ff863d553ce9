package org.gatehouse.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One YAML mapping of the configuration, read key by key with the key path that error lines name, such as
 * {@code upstreams[0].targets[1]}. A value that is refused is recorded and reads as absent, so that reading goes on
 * and every problem is reported, not only the first.
 */
final class YamlMap {

    private final Map<?, ?> entries;
    private final String path;
    private final Problems problems;

    private YamlMap(Map<?, ?> entries, String path, Problems problems) {
        this.entries = entries;
        this.path = path;
        this.problems = problems;
    }

    /**
     * {@code raw} as a map at {@code path} whose keys must be among {@code keys}; records an unknown key, or
     * {@code raw} not being a map (then empty).
     */
    static Optional<YamlMap> of(Object raw, String path, List<String> keys, Problems problems) {
        Map<?, ?> entries;
        try {
            entries = ValueType.map().read(raw);
        } catch (InvalidValueException e) {
            problems.add(path, e.getMessage());
            return Optional.empty();
        }
        YamlMap map = new YamlMap(entries, path, problems);
        for (Object key : entries.keySet()) {
            if (!keys.contains(key)) {
                map.problem(String.valueOf(key), "unknown key (expected one of: " + String.join(", ", keys) + ")");
            }
        }
        return Optional.of(map);
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + '.' + key;
    }

    void problem(String key, String reason) {
        problems.add(pathOf(key), reason);
    }

    /** The value of {@code key}; empty when it is absent, null, or refused (then recorded). */
    <T> Optional<T> optional(String key, ValueType<T> type) {
        Object raw = entries.get(key);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(type.read(raw));
        } catch (InvalidValueException e) {
            problem(key, e.getMessage());
            return Optional.empty();
        }
    }

    /** The value of {@code key}, or {@code defaultValue} when it is absent, null, or refused (then recorded). */
    <T> T get(String key, ValueType<T> type, T defaultValue) {
        return optional(key, type).orElse(defaultValue);
    }

    /** The value of {@code key}; empty when it is refused, or absent or null (both recorded as required). */
    <T> Optional<T> required(String key, ValueType<T> type) {
        if (entries.get(key) == null) {
            problem(key, "required");
        }
        return optional(key, type);
    }

    /**
     * The nested map under {@code key}, whose keys must be among {@code keys}; an empty map when it is absent or
     * refused, so that its keys read as their defaults.
     */
    YamlMap section(String key, List<String> keys) {
        return optional(key, ValueType.map())
                .flatMap(raw -> of(raw, pathOf(key), keys, problems))
                .orElseGet(() -> new YamlMap(Map.of(), pathOf(key), problems));
    }

    /**
     * The required, non-empty list of maps under {@code key}, each map's keys among {@code itemKeys}; the entries
     * that are not maps are recorded and left out.
     */
    List<YamlMap> requiredList(String key, List<String> itemKeys) {
        List<?> items = required(key, ValueType.nonEmptyList()).orElse(List.of());
        List<YamlMap> maps = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            of(items.get(i), pathOf(key) + '[' + i + ']', itemKeys, problems).ifPresent(maps::add);
        }
        return maps;
    }
}
