package org.gatehouse.core.config;

import java.math.BigInteger;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How the values SnakeYAML's safe constructor builds are named in error messages. */
final class YamlValues {

    /** Longer strings are cut in messages, so that one error stays one readable line. */
    private static final int MAX_QUOTED_CODE_POINTS = 64;

    private YamlValues() {
    }

    /** Whether {@code raw} is a YAML integer; SnakeYAML picks the smallest of these types that holds it. */
    static boolean isInteger(Object raw) {
        return raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger;
    }

    /**
     * The YAML type of {@code raw} with an article, and its value for scalars, e.g. {@code a string ("abc")}.
     * Collections are never printed: they can be huge, or contain themselves through an alias.
     */
    static String describe(Object raw) {
        if (raw == null) {
            return "null";
        }
        if (raw instanceof String text) {
            return "a string (" + quote(text) + ")";
        }
        if (isInteger(raw)) {
            return "an integer (" + raw + ")";
        }
        if (raw instanceof Double) {
            return "a float (" + raw + ")";
        }
        if (raw instanceof Boolean) {
            return "a boolean (" + raw + ")";
        }
        if (raw instanceof Map) {
            return "a map";
        }
        if (raw instanceof List) {
            return "a list";
        }
        if (raw instanceof Set) {
            return "a set";
        }
        if (raw instanceof Date) {
            return "a timestamp";
        }
        if (raw instanceof byte[]) {
            return "binary data";
        }
        return "a value of type " + raw.getClass().getSimpleName();
    }

    /** {@code text} in double quotes, escaped so that it cannot break the line, and cut when long. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        int codePoints = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            if (codePoints++ == MAX_QUOTED_CODE_POINTS) {
                return quoted.append("...\"").toString();
            }
            appendEscaped(quoted, text.codePointAt(i));
        }
        return quoted.append('"').toString();
    }

    private static void appendEscaped(StringBuilder quoted, int codePoint) {
        switch (codePoint) {
            case '"' -> quoted.append("\\\"");
            case '\\' -> quoted.append("\\\\");
            case '\n' -> quoted.append("\\n");
            case '\r' -> quoted.append("\\r");
            case '\t' -> quoted.append("\\t");
            default -> {
                if (Character.isISOControl(codePoint) || isLineBreak(codePoint)) {
                    quoted.append(String.format("\\u%04x", codePoint));
                } else {
                    quoted.appendCodePoint(codePoint);
                }
            }
        }
    }

    private static boolean isLineBreak(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
