package org.gatehouse.core.config;

import java.util.List;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Parses YAML (and so JSON) text into plain values: maps, lists, strings, numbers, booleans. The safe constructor
 * builds no other Java types, duplicate keys are refused, and SnakeYAML's default limits on aliases, nesting and size
 * stay in place. A text that is not YAML becomes one error line naming the line and column.
 */
final class YamlParser {

    private YamlParser() {
    }

    /** The document in {@code text}; null when there is none (empty, or only comments). */
    static Object parse(String text, String source) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        // A repeated key is almost always an editing mistake; SnakeYAML's default silently keeps the last value.
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            throw refusal(source, location(e), problem(e));
        } catch (ReaderException e) {
            // Raised while reading ahead, before the scanner has a position, so the position is worked out here.
            throw refusal(source, location(text, e.getPosition()),
                    String.format("%s (U+%04X)", e.getMessage(), e.getCodePoint()));
        } catch (YAMLException e) {
            // Limits such as the number of aliases, and malformed explicitly tagged values: no position known.
            throw refusal(source, "", e.getMessage());
        } catch (IllegalArgumentException e) {
            // The safe constructor lets these through for explicitly tagged values that do not fit their tag,
            // e.g. "!!int abc" or "!!binary ###".
            throw refusal(source, "", "invalid tagged value: " + e.getMessage());
        }
    }

    private static ConfigException refusal(String source, String where, String reason) {
        return new ConfigException(List.of(Problems.line(source, where, reason)));
    }

    private static String location(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        return mark == null ? "" : location(mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** SnakeYAML's problem, followed by what it was doing when it met it, which often says more. */
    private static String problem(MarkedYAMLException e) {
        if (e.getProblem() == null) {
            return e.getContext();
        }
        return e.getContext() == null ? e.getProblem() : e.getProblem() + " (" + e.getContext() + ")";
    }

    /** The 1-based line and column of the code point at {@code codePointIndex} in {@code text}. */
    private static String location(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int index = 0;
        for (int codePoints = 0; codePoints < codePointIndex && index < text.length(); codePoints++) {
            int codePoint = text.codePointAt(index);
            index += Character.charCount(codePoint);
            if (codePoint == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return location(line, column);
    }

    private static String location(int line, int column) {
        return "line " + line + ", column " + column;
    }
}
