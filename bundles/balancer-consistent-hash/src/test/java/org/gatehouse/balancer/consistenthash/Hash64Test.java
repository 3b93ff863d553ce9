package org.gatehouse.balancer.consistenthash;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.Test;

public class Hash64Test {

    @Test
    public void fnv1a64MatchesTheReferenceVectors() {
        assertEquals(0xcbf29ce484222325L, Hash64.fnv1a64(""));
        assertEquals(0xaf63dc4c8601ec8cL, Hash64.fnv1a64("a"));
        assertEquals(0x85944171f73967e8L, Hash64.fnv1a64("foobar"));
    }

    @Test
    public void hashIsFnv1a64ThenFmix64() {
        assertEquals(0L, Hash64.fmix64(0L));
        assertEquals(0x82a2a958a9bece5bL, Hash64.hash("a"));
        assertEquals(0x2c22194922d1672bL, Hash64.hash("foobar"));
    }

    @Test
    public void similarInputsDifferInAboutHalfTheirBits() {
        long totalFlips = 0;
        int pairs = 0;
        for (int i = 0; i < 1000; i++) {
            long flips = Long.bitCount(Hash64.hash("10.0.0.1:80#" + i) ^ Hash64.hash("10.0.0.1:80#" + (i + 1)));
            totalFlips += flips;
            pairs++;
        }
        double average = (double) totalFlips / pairs;
        assertTrue("average bits changed: " + average, average > 30 && average < 34);
    }

    @Test
    public void sequentialInputsCoverTheWholeRange() {
        Set<Long> topBits = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            topBits.add(Hash64.hash("key-" + i) >>> 60);
        }
        assertEquals("all 16 top nibbles occur", 16, topBits.size());
    }
}
