package org.gatehouse.core.balancer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live sessions per target, kept across config reloads: a session placed under the old config still counts on
 * its target under the new one.
 */
public final class TargetLoad {

    private final ConcurrentHashMap<String, AtomicInteger> live = new ConcurrentHashMap<>();

    public int live(String upstream, String address) {
        AtomicInteger count = live.get(key(upstream, address));
        return count == null ? 0 : count.get();
    }

    public void acquire(String upstream, String address) {
        live.computeIfAbsent(key(upstream, address), k -> new AtomicInteger()).incrementAndGet();
    }

    public void release(String upstream, String address) {
        live.computeIfPresent(key(upstream, address), (k, count) -> count.decrementAndGet() == 0 ? null : count);
    }

    private static String key(String upstream, String address) {
        return upstream + '/' + address;
    }
}
