package org.gatehouse.core.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.gatehouse.core.balancer.TargetId;
import org.gatehouse.core.relay.Leg;
import org.gatehouse.core.relay.ProxySession;

/**
 * The sessions being relayed right now, with the target each is placed on, so that a stop can close each of them
 * and an unhealthy target can send its sessions elsewhere.
 */
final class SessionRegistry {

    private final Map<ProxySession, TargetId> sessions = new ConcurrentHashMap<>();

    void add(ProxySession session, String upstream, String address) {
        sessions.put(session, new TargetId(upstream, address));
        session.ended().addListener(ended -> sessions.remove(session));
    }

    /**
     * Closes the sessions on one target with 1012, each at a random moment within {@code windowMillis}, so their
     * clients do not all reconnect at once.
     *
     * @return how many sessions will be closed
     */
    int rehome(String upstream, String address, long windowMillis) {
        TargetId target = new TargetId(upstream, address);
        int count = 0;
        for (Map.Entry<ProxySession, TargetId> entry : sessions.entrySet()) {
            if (entry.getValue().equals(target)) {
                ProxySession session = entry.getKey();
                long delay = windowMillis == 0 ? 0 : ThreadLocalRandom.current().nextLong(windowMillis);
                session.channel(Leg.CLIENT).eventLoop().schedule(session::rehome, delay, TimeUnit.MILLISECONDS);
                count++;
            }
        }
        return count;
    }

    /**
     * Sends close 1001 on both legs of every session, waits for them to end for at most {@code graceMillis}, then
     * closes what is left.
     *
     * @return the sessions that had to be closed without a close handshake
     */
    int closeAll(String reason, long graceMillis) throws InterruptedException {
        CountDownLatch allEnded = new CountDownLatch(sessions.size());
        for (ProxySession session : sessions.keySet()) {
            session.ended().addListener(ended -> allEnded.countDown());
            session.channel(Leg.CLIENT).eventLoop().execute(() -> session.goingAway(reason));
        }
        if (allEnded.await(graceMillis, TimeUnit.MILLISECONDS)) {
            return 0;
        }
        int forced = sessions.size();
        sessions.keySet().forEach(session -> session.channel(Leg.CLIENT).eventLoop()
                .execute(session::forceClose));
        return forced;
    }
}
