package org.gatehouse.core.server;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts client sessions, from admission to the end, against {@code max_connections}. */
public final class ConnectionLimiter {

    private final AtomicInteger sessions = new AtomicInteger();

    /** Takes a place if fewer than {@code max} are taken; the caller must {@link #release()} it exactly once. */
    public boolean tryAcquire(int max) {
        while (true) {
            int current = sessions.get();
            if (current >= max) {
                return false;
            }
            if (sessions.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    public void release() {
        sessions.decrementAndGet();
    }

    public int sessions() {
        return sessions.get();
    }
}
