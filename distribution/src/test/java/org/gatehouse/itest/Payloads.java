package org.gatehouse.itest;

import static org.junit.Assert.fail;

import java.util.Random;

/** Test payloads and a byte comparison that reports where two large payloads differ instead of dumping them. */
public final class Payloads {

    private Payloads() {
    }

    /** {@code size} bytes that look random but are the same on every run. */
    public static byte[] pseudoRandom(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** {@code size} bytes of repeating text: deflate shrinks them a lot. */
    public static byte[] compressible(int size) {
        byte[] pattern = "Gatehouse relays WebSocket frames; this line repeats. ".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII);
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = pattern[i % pattern.length];
        }
        return data;
    }

    public static void assertSameBytes(byte[] expected, byte[] actual) {
        assertSameBytes("payload", expected, actual);
    }

    public static void assertSameBytes(String what, byte[] expected, byte[] actual) {
        int common = Math.min(expected.length, actual.length);
        for (int i = 0; i < common; i++) {
            if (expected[i] != actual[i]) {
                fail(what + ": first difference at byte " + i + " of " + expected.length + " (expected "
                        + expected[i] + ", got " + actual[i] + ")");
            }
        }
        if (expected.length != actual.length) {
            fail(what + ": expected " + expected.length + " bytes, got " + actual.length);
        }
    }
}
