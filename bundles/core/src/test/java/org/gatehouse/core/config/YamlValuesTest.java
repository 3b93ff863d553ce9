package org.gatehouse.core.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;

public class YamlValuesTest {

    @Test
    public void namesEachYamlTypeWithItsValueForScalars() {
        assertEquals("null", YamlValues.describe(null));
        assertEquals("a string (\"abc\")", YamlValues.describe("abc"));
        assertEquals("an integer (5)", YamlValues.describe(5));
        assertEquals("an integer (5000000000)", YamlValues.describe(5_000_000_000L));
        assertEquals("an integer (99999999999999999999)", YamlValues.describe(new BigInteger("99999999999999999999")));
        assertEquals("a float (1.5)", YamlValues.describe(1.5));
        assertEquals("a boolean (true)", YamlValues.describe(true));
        assertEquals("a timestamp", YamlValues.describe(new Date(0)));
        assertEquals("binary data", YamlValues.describe(new byte[] {1}));
        assertEquals("a value of type Object[]", YamlValues.describe(new Object[0]));
    }

    @Test
    public void namesCollectionsWithoutPrintingThem() {
        List<Object> selfContaining = new ArrayList<>();
        selfContaining.add(selfContaining);

        assertEquals("a list", YamlValues.describe(selfContaining));
        assertEquals("a map", YamlValues.describe(Map.of("a", 1)));
        assertEquals("a set", YamlValues.describe(Set.of("a")));
    }

    @Test
    public void recognisesEachIntegerTypeSnakeYamlBuilds() {
        assertTrue(YamlValues.isInteger(1));
        assertTrue(YamlValues.isInteger(1L));
        assertTrue(YamlValues.isInteger(BigInteger.ONE));
        assertFalse(YamlValues.isInteger(1.0));
        assertFalse(YamlValues.isInteger("1"));
    }

    @Test
    public void quotesSoThatTheMessageStaysOneLine() {
        assertEquals("\"\"", YamlValues.quote(""));
        assertEquals("\"say \\\"hi\\\" \\\\o/\"", YamlValues.quote("say \"hi\" \\o/"));
        assertEquals("\"a\\nb\\rc\\td\"", YamlValues.quote("a\nb\rc\td"));
        assertEquals("\"\\u0001\\u007f\\u0085\\u2028\\u2029\"", YamlValues.quote("\u0001\u007f\u0085\u2028\u2029"));
    }

    @Test
    public void keepsOtherCharactersAsTheyAre() {
        String text = "h\u00e9llo \u4e16\u754c \ud83d\ude00";
        assertEquals('"' + text + '"', YamlValues.quote(text));
    }

    @Test
    public void cutsLongTextAfter64CodePoints() {
        String exactly64 = "x".repeat(64);
        assertEquals('"' + exactly64 + '"', YamlValues.quote(exactly64));
        assertEquals('"' + exactly64 + "...\"", YamlValues.quote(exactly64 + "y"));
        // Counted in code points: a pair of surrogates is never split.
        String emojis = "\ud83d\ude00".repeat(65);
        assertEquals('"' + "\ud83d\ude00".repeat(64) + "...\"", YamlValues.quote(emojis));
    }
}
