package org.gatehouse.core.config;

import java.util.List;

/** A configuration that was refused, with one line per problem: {@code <file>: <key path>: <reason>}. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public ConfigException(List<String> errors) {
        super(String.join(System.lineSeparator(), errors));
        this.errors = List.copyOf(errors);
    }

    /** The problems found, each naming the file, the key path and the reason. */
    public List<String> errors() {
        return errors;
    }
}
