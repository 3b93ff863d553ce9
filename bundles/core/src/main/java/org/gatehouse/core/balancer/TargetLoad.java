package org.gatehouse.core.balancer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live sessions per target, kept across config reloads: a session placed under the old config still counts on
 * its target under the new one.
 */
public final class TargetLoad {

    private final ConcurrentHashMap<TargetId, AtomicInteger> live = new ConcurrentHashMap<>();

    public int live(String upstream, String address) {
        AtomicInteger count = live.get(new TargetId(upstream, address));
        return count == null ? 0 : count.get();
    }

    public void acquire(String upstream, String address) {
        live.computeIfAbsent(new TargetId(upstream, address), k -> new AtomicInteger()).incrementAndGet();
    }

    public void release(String upstream, String address) {
        live.computeIfPresent(new TargetId(upstream, address), (k, count) -> count.decrementAndGet() == 0 ? null : count);
    }
}
