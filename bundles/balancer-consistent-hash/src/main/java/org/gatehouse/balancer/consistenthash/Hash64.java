package org.gatehouse.balancer.consistenthash;

import java.nio.charset.StandardCharsets;

/**
 * The 64-bit hash of the ring: FNV-1a 64 over the UTF-8 bytes of a string, followed by the {@code fmix64} finalizer
 * of MurmurHash3.
 *
 * <p>FNV-1a (Fowler, Noll, Vo; offset basis {@code 0xcbf29ce484222325}, prime {@code 0x100000001b3}) is simple and
 * well studied, but similar inputs such as {@code 10.0.0.1#1} and {@code 10.0.0.1#2} differ mostly in their low
 * bits. {@code fmix64} (two xor-shift-multiply rounds) makes every input bit affect every output bit, so ring points
 * and keys spread evenly over the whole 64-bit range. Both steps are fixed, so the same key maps to the same target
 * in every gateway process and after every restart or policy update.
 */
final class Hash64 {

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Hash64() {
    }

    /** {@code fmix64(fnv1a64(text))}. */
    static long hash(String text) {
        return fmix64(fnv1a64(text));
    }

    /** FNV-1a 64 of the UTF-8 bytes of {@code text}. */
    static long fnv1a64(String text) {
        long hash = FNV_OFFSET_BASIS;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /** The MurmurHash3 64-bit finalizer: a bijection with full avalanche. */
    static long fmix64(long hash) {
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }
}
