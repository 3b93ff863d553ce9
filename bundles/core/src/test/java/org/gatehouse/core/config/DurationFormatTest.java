package org.gatehouse.core.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;

import org.junit.Test;

public class DurationFormatTest {

    private static final long ZERO = 0;
    private static final long ONE_MS = 1;
    private static final long DAY = Duration.ofHours(24).toMillis();

    @Test
    public void readsEachUnitInMilliseconds() throws InvalidValueException {
        assertEquals(500, parse("500ms"));
        assertEquals(30_000, parse("30s"));
        assertEquals(120_000, parse("2m"));
        assertEquals(3_600_000, parse("1h"));
    }

    @Test
    public void readsABareNumberAsSeconds() throws InvalidValueException {
        assertEquals(60_000, parse("60"));
    }

    @Test
    public void acceptsBothEndsOfTheRange() throws InvalidValueException {
        assertEquals(0, UnitFormat.DURATION.parse("0s", ZERO, DAY));
        assertEquals(1, UnitFormat.DURATION.parse("1ms", ONE_MS, DAY));
        assertEquals(DAY, UnitFormat.DURATION.parse("24h", ONE_MS, DAY));
        assertEquals(DAY, UnitFormat.DURATION.parse("86400000ms", ONE_MS, DAY));
    }

    @Test
    public void acceptsLeadingZeros() throws InvalidValueException {
        assertEquals(5_000, parse("005s"));
    }

    @Test
    public void refusesOtherForms() {
        for (String text : new String[] {"3x", "", "s", "ms", "1.5s", "30 s", "1d", "30S", "1H", "+5s", "1h30m",
                "ms5", " 30s", "30s ", "0x10", "1e3", "\u0663s"}) {
            assertRefused(text, YamlValues.quote(text) + " is not a duration (expected e.g. 500ms, 30s, 2m)");
        }
    }

    @Test
    public void refusesZeroWhereItMustBePositive() {
        assertRefused("0s", "0s is out of range (expected: 1ms-24h)");
        assertRefused("0", "0 is out of range (expected: 1ms-24h)");
    }

    @Test
    public void refusesNegativeAmounts() {
        assertRefused("-1s", "-1s is out of range (expected: 1ms-24h)");
        assertRefused("-5", "-5 is out of range (expected: 1ms-24h)");
    }

    @Test
    public void refusesAmountsAboveTheMaximum() {
        assertRefused("25h", "25h is out of range (expected: 1ms-24h)");
        assertRefused("86400001ms", "86400001ms is out of range (expected: 1ms-24h)");
    }

    @Test
    public void refusesAmountsThatOverflowRatherThanWrapping() {
        // Long.MAX_VALUE hours in milliseconds wraps to a small number in long arithmetic.
        assertRefused("9223372036854775807h", "9223372036854775807h is out of range (expected: 1ms-24h)");
        assertRefused("99999999999999999999999s", "99999999999999999999999s is out of range (expected: 1ms-24h)");
    }

    @Test
    public void formatsInTheLargestExactUnit() {
        assertEquals("0s", UnitFormat.DURATION.format(0));
        assertEquals("1ms", UnitFormat.DURATION.format(1));
        assertEquals("1500ms", UnitFormat.DURATION.format(1_500));
        assertEquals("30s", UnitFormat.DURATION.format(30_000));
        assertEquals("90s", UnitFormat.DURATION.format(90_000));
        assertEquals("2m", UnitFormat.DURATION.format(120_000));
        assertEquals("90m", UnitFormat.DURATION.format(5_400_000));
        assertEquals("24h", UnitFormat.DURATION.format(DAY));
    }

    private static long parse(String text) throws InvalidValueException {
        return UnitFormat.DURATION.parse(text, ONE_MS, DAY);
    }

    private static void assertRefused(String text, String reason) {
        InvalidValueException refusal = assertThrows(InvalidValueException.class, () -> parse(text));
        assertEquals(reason, refusal.getMessage());
    }
}
