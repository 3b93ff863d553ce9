package org.gatehouse.core.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.gatehouse.core.relay.Leg;
import org.gatehouse.core.relay.ProxySession;

/** The sessions being relayed right now, so that a stop can close each of them. */
final class SessionRegistry {

    private final Set<ProxySession> sessions = ConcurrentHashMap.newKeySet();

    void add(ProxySession session) {
        sessions.add(session);
        session.ended().addListener(ended -> sessions.remove(session));
    }

    int size() {
        return sessions.size();
    }

    /**
     * Sends close 1001 on both legs of every session, waits for them to end for at most {@code graceMillis}, then
     * closes what is left.
     *
     * @return the sessions that had to be closed without a close handshake
     */
    int closeAll(String reason, long graceMillis) throws InterruptedException {
        CountDownLatch allEnded = new CountDownLatch(sessions.size());
        for (ProxySession session : sessions) {
            session.ended().addListener(ended -> allEnded.countDown());
            session.channel(Leg.CLIENT).eventLoop().execute(() -> session.goingAway(reason));
        }
        if (allEnded.await(graceMillis, TimeUnit.MILLISECONDS)) {
            return 0;
        }
        int forced = sessions.size();
        sessions.forEach(session -> session.channel(Leg.CLIENT).eventLoop()
                .execute(session::forceClose));
        return forced;
    }
}
