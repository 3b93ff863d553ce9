package org.gatehouse.core.config;

import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How durations and sizes are written: an integer amount and an optional unit suffix, such as {@code 30s} or
 * {@code 16MiB}. Values are exact integers in the smallest unit (milliseconds, bytes); anything that does not fit the
 * allowed range, including amounts too big for a {@code long}, is refused rather than wrapped.
 */
final class UnitFormat {

    /** Durations in milliseconds. A bare number means seconds, as in TrustGate. */
    static final UnitFormat DURATION = new UnitFormat("duration", "500ms, 30s, 2m", "s",
            List.of(new Unit("h", 3_600_000), new Unit("m", 60_000), new Unit("s", 1_000), new Unit("ms", 1)));

    /** Sizes in bytes, with 1024-based units. A bare number means bytes. */
    static final UnitFormat SIZE = new UnitFormat("size", "4096, 64KiB, 16MiB", "",
            List.of(new Unit("GiB", 1L << 30), new Unit("MiB", 1L << 20), new Unit("KiB", 1L << 10), new Unit("", 1)));

    private record Unit(String suffix, long factor) {
    }

    private final String noun;
    private final String examples;
    private final List<Unit> units;
    private final Unit bareUnit;
    private final Pattern syntax;

    /**
     * @param units largest first, ending with the smallest unit (factor 1) so that every amount can be formatted
     */
    private UnitFormat(String noun, String examples, String bareSuffix, List<Unit> units) {
        this.noun = noun;
        this.examples = examples;
        this.units = units;
        this.bareUnit = unit(bareSuffix);
        // The sign is part of the syntax so that a negative amount is reported as out of range, which says more.
        this.syntax = Pattern.compile("(-?[0-9]+)(" + units.stream()
                .map(Unit::suffix)
                .filter(suffix -> !suffix.isEmpty())
                .map(Pattern::quote)
                .collect(Collectors.joining("|")) + ")?");
    }

    /** "duration" or "size", for messages. */
    String noun() {
        return noun;
    }

    /** A few valid forms, for messages. */
    String examples() {
        return examples;
    }

    /** The amount that {@code text} stands for, in the smallest unit, if it is well formed and within min..max. */
    long parse(String text, long min, long max) throws InvalidValueException {
        Matcher matcher = syntax.matcher(text);
        if (!matcher.matches()) {
            throw new InvalidValueException(
                    YamlValues.quote(text) + " is not a " + noun + " (expected e.g. " + examples + ")");
        }
        Unit unit = matcher.group(2) == null ? bareUnit : unit(matcher.group(2));
        BigInteger amount = new BigInteger(matcher.group(1)).multiply(BigInteger.valueOf(unit.factor()));
        if (amount.compareTo(BigInteger.valueOf(min)) < 0 || amount.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InvalidValueException(
                    text + " is out of range (expected: " + format(min) + "-" + format(max) + ")");
        }
        return amount.longValueExact();
    }

    /** {@code amount} in the largest unit that divides it exactly, e.g. {@code 30s} rather than {@code 30000ms}. */
    String format(long amount) {
        if (amount == 0) {
            return "0" + bareUnit.suffix();
        }
        Unit unit = units.stream().filter(candidate -> amount % candidate.factor() == 0).findFirst().orElseThrow();
        return amount / unit.factor() + unit.suffix();
    }

    private Unit unit(String suffix) {
        return units.stream().filter(unit -> unit.suffix().equals(suffix)).findFirst().orElseThrow();
    }
}
