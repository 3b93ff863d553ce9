package org.gatehouse.core.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class SizeFormatTest {

    private static final long MAX = Integer.MAX_VALUE;

    @Test
    public void readsABareNumberAsBytes() throws InvalidValueException {
        assertEquals(4096, parse("4096"));
    }

    @Test
    public void readsBinaryUnits() throws InvalidValueException {
        assertEquals(65_536, parse("64KiB"));
        assertEquals(16_777_216, parse("16MiB"));
        assertEquals(1_073_741_824, parse("1GiB"));
    }

    @Test
    public void acceptsBothEndsOfTheRange() throws InvalidValueException {
        assertEquals(1, parse("1"));
        assertEquals(MAX, parse("2147483647"));
        assertEquals(64, UnitFormat.SIZE.parse("64", 64, 16 << 20));
        assertEquals(16 << 20, UnitFormat.SIZE.parse("16MiB", 64, 16 << 20));
    }

    @Test
    public void refusesOtherForms() {
        for (String text : new String[] {"16MB", "1.5MiB", "16 MiB", "KiB", "16mib", "16kib", "16B", "16K", "0x10",
                "1e3", "+1", "", "MiB16"}) {
            assertRefused(text, YamlValues.quote(text) + " is not a size (expected e.g. 4096, 64KiB, 16MiB)");
        }
    }

    @Test
    public void refusesNegativeAndZeroAmounts() {
        assertRefused("-1", "-1 is out of range (expected: 1-2147483647)");
        assertRefused("0", "0 is out of range (expected: 1-2147483647)");
    }

    @Test
    public void refusesAmountsAboveTheMaximum() {
        assertRefused("2GiB", "2GiB is out of range (expected: 1-2147483647)");
        assertRefused("2147483648", "2147483648 is out of range (expected: 1-2147483647)");
        InvalidValueException refusal =
                assertThrows(InvalidValueException.class, () -> UnitFormat.SIZE.parse("17MiB", 64, 16 << 20));
        assertEquals("17MiB is out of range (expected: 64-16MiB)", refusal.getMessage());
    }

    @Test
    public void refusesAmountsThatOverflowRatherThanWrapping() {
        // 8589934592GiB is exactly 2^63 bytes, which wraps to Long.MIN_VALUE in long arithmetic.
        assertRefused("8589934592GiB", "8589934592GiB is out of range (expected: 1-2147483647)");
        assertRefused("99999999999999999999999", "99999999999999999999999 is out of range (expected: 1-2147483647)");
    }

    @Test
    public void formatsInTheLargestExactUnit() {
        assertEquals("0", UnitFormat.SIZE.format(0));
        assertEquals("64", UnitFormat.SIZE.format(64));
        assertEquals("1536", UnitFormat.SIZE.format(1_536));
        assertEquals("1KiB", UnitFormat.SIZE.format(1_024));
        assertEquals("16MiB", UnitFormat.SIZE.format(16 << 20));
        assertEquals("1GiB", UnitFormat.SIZE.format(1 << 30));
        assertEquals("2147483647", UnitFormat.SIZE.format(MAX));
    }

    private static long parse(String text) throws InvalidValueException {
        return UnitFormat.SIZE.parse(text, 1, MAX);
    }

    private static void assertRefused(String text, String reason) {
        InvalidValueException refusal = assertThrows(InvalidValueException.class, () -> parse(text));
        assertEquals(reason, refusal.getMessage());
    }
}
