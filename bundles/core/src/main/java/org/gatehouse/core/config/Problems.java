package org.gatehouse.core.config;

import java.util.ArrayList;
import java.util.List;

/** The problems found in one configuration source, collected so that one refusal can list them all. */
final class Problems {

    private final String source;
    private final List<String> lines = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    /**
     * One error line: {@code <source>: <where>: <reason>}, where {@code where} is a key path or a position in the
     * file, and is left out when empty (the reason is about the whole file).
     */
    static String line(String source, String where, String reason) {
        return where.isEmpty() ? source + ": " + reason : source + ": " + where + ": " + reason;
    }

    void add(String where, String reason) {
        lines.add(line(source, where, reason));
    }

    int count() {
        return lines.size();
    }

    void throwIfAny() throws ConfigException {
        if (!lines.isEmpty()) {
            throw new ConfigException(lines);
        }
    }
}
