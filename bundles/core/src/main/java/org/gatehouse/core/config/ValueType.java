package org.gatehouse.core.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What one configuration key accepts: its YAML type, its syntax and its range. Reading a value either returns it or
 * throws with the reason it was refused, worded as what was found and what was expected.
 *
 * @param <T> the Java type the value is read as
 */
@FunctionalInterface
interface ValueType<T> {

    T read(Object raw) throws InvalidValueException;

    /** This type, narrowed: a value that fails {@code valid} is refused with {@code reason}. */
    default ValueType<T> check(Predicate<? super T> valid, Function<? super T, String> reason) {
        return raw -> {
            T value = read(raw);
            if (!valid.test(value)) {
                throw new InvalidValueException(reason.apply(value));
            }
            return value;
        };
    }

    static ValueType<String> string() {
        return raw -> {
            if (raw instanceof String text) {
                return text;
            }
            throw mismatch("a string", raw);
        };
    }

    static ValueType<String> nonEmptyString() {
        return string().check(text -> !text.isEmpty(), text -> "expected a non-empty string, got an empty string");
    }

    static ValueType<Boolean> bool() {
        return raw -> {
            if (raw instanceof Boolean flag) {
                return flag;
            }
            throw mismatch("a boolean", raw);
        };
    }

    static ValueType<Integer> integer(int min, int max) {
        return raw -> {
            if (!YamlValues.isInteger(raw)) {
                throw mismatch("an integer", raw);
            }
            BigInteger value = new BigInteger(raw.toString());
            if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
                throw new InvalidValueException(value + " is out of range (expected: " + min + "-" + max + ")");
            }
            return value.intValue();
        };
    }

    /** A duration string such as {@code 30s}, or an integer number of seconds. */
    static ValueType<Duration> duration(Duration min, Duration max) {
        return raw -> Duration.ofMillis(
                UnitFormat.DURATION.parse(unitText(UnitFormat.DURATION, raw), min.toMillis(), max.toMillis()));
    }

    /** A size string such as {@code 64KiB}, or an integer number of bytes. */
    static ValueType<Integer> size(int min, int max) {
        return raw -> (int) UnitFormat.SIZE.parse(unitText(UnitFormat.SIZE, raw), min, max);
    }

    static ValueType<Map<?, ?>> map() {
        return raw -> {
            if (raw instanceof Map<?, ?> map) {
                return map;
            }
            throw mismatch("a map", raw);
        };
    }

    static ValueType<List<?>> list() {
        return raw -> {
            if (raw instanceof List<?> list) {
                return list;
            }
            throw mismatch("a list", raw);
        };
    }

    static ValueType<List<?>> nonEmptyList() {
        return list().check(list -> !list.isEmpty(), list -> "expected at least one entry, got an empty list");
    }

    /** The text of a value written in {@code format}: a string as is, or a YAML integer as its digits. */
    private static String unitText(UnitFormat format, Object raw) throws InvalidValueException {
        if (raw instanceof String text) {
            return text;
        }
        if (YamlValues.isInteger(raw)) {
            return raw.toString();
        }
        throw mismatch("a " + format.noun() + " (e.g. " + format.examples() + ")", raw);
    }

    private static InvalidValueException mismatch(String expected, Object found) {
        return new InvalidValueException("expected " + expected + ", got " + YamlValues.describe(found));
    }
}
