package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.junit.After;
import org.junit.Rule;
import org.junit.rules.RuleChain;
import org.junit.rules.TestRule;
import org.junit.rules.Timeout;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * What every in-framework test class shares: the leak check around each test, a per-test time limit as a safety
 * net over the bounded waits, the gateway's listener, and clients and upstreams closed after each test.
 *
 * <p>Runs inside the framework: the probe bundle holds this class, so {@link #context()} is the probe's context.
 * Static state lives as long as the probe (the whole class under {@code PerClass}); instance state per test.
 */
public abstract class GatewayTestBase {

    /** The first test of a class also waits for the framework's bundles and the core to come up. */
    protected static final Duration STARTUP = Duration.ofSeconds(30);
    protected static final Duration WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(GatewayTestBase.class.getName());

    @Rule
    public final TestRule rules = RuleChain.outerRule(new LeakCheck()).around(Timeout.seconds(120));

    /** The listener found by an earlier test of this class: the probe, and so this static, lives per class. */
    private static Gateway shared;
    /** Why the gateway did not come up, once a test waited {@link #STARTUP} for it in vain. */
    private static String unavailable;

    private final List<TestClient> clients = new ArrayList<>();
    private final List<TestUpstream> upstreams = new ArrayList<>();

    protected final BundleContext context() {
        return FrameworkUtil.getBundle(getClass()).getBundleContext();
    }

    /**
     * The gateway's client listener. The first call of the class waits up to {@link #STARTUP}; later calls reuse it
     * while its service stays registered, and fail at once if the first wait was in vain.
     */
    protected static Gateway gateway() {
        Gateway known = shared;
        if (known != null && known.isRegistered()) {
            return known;
        }
        if (unavailable != null) {
            throw new AssertionError(unavailable);
        }
        try {
            shared = Gateway.await(FrameworkUtil.getBundle(GatewayTestBase.class).getBundleContext(), STARTUP);
            return shared;
        } catch (AssertionError e) {
            unavailable = "the gateway did not come up in an earlier test: " + e.getMessage();
            throw e;
        }
    }

    protected static URI ws(String pathAndQuery) {
        return gateway().ws(pathAndQuery);
    }

    /** Starts an upstream that is stopped after the test. */
    protected final TestUpstream startUpstream(TestUpstream.Builder builder) {
        TestUpstream upstream = builder.start();
        upstreams.add(upstream);
        return upstream;
    }

    /** Sends {@code text} from the client; asserts it reached the upstream and came back, as text both times. */
    protected static void assertTextRoundTrip(TestClient client, TestUpstream.UpstreamConnection leg, String text) {
        client.sendText(text);
        for (Message received : List.of(leg.nextMessage(WAIT), client.nextMessage(WAIT))) {
            assertEquals(Frame.Kind.TEXT, received.kind());
            assertEquals(text, received.text());
        }
    }

    /** Sends {@code bytes} from the client; asserts they reached the upstream and came back, as binary both times. */
    protected static void assertBinaryRoundTrip(TestClient client, TestUpstream.UpstreamConnection leg, byte[] bytes,
                                                Duration wait) {
        client.sendBinary(bytes);
        Message atUpstream = leg.nextMessage(wait);
        assertEquals(Frame.Kind.BINARY, atUpstream.kind());
        Payloads.assertSameBytes("at the upstream", bytes, atUpstream.data());
        Message back = client.nextMessage(wait);
        assertEquals(Frame.Kind.BINARY, back.kind());
        Payloads.assertSameBytes("back at the client", bytes, back.data());
    }

    /** Connects a client through the gateway, waits for the upgrade answer, closes it after the test. */
    protected final TestClient connect(TestClient.Builder builder) {
        TestClient client = builder.open();
        clients.add(client);
        client.awaitAnswer();
        return client;
    }

    /** Connects and fails the test unless the gateway upgraded the connection. */
    protected final TestClient open(String pathAndQuery) {
        return connect(TestClient.to(ws(pathAndQuery))).assertUpgraded();
    }

    /**
     * One handshake through the gateway and where it went.
     *
     * @param client the client, closed after the test at the latest
     * @param answer the gateway's answer to the upgrade
     * @param target the upstream among those watched that received the upgrade request, or null if none did
     * @param leg that upstream's side of the connection, or null
     */
    protected record Session(TestClient client, HttpAnswer answer, TestUpstream target,
                             TestUpstream.UpstreamConnection leg) {

        public boolean upgraded() {
            return answer.status() == 101;
        }
    }

    /**
     * Makes one handshake, whatever its answer, and finds which of {@code targets} received it. Handshakes must not
     * run concurrently with this one on the same targets: the target is the one whose request count grew.
     */
    protected final Session handshakeOn(TestClient.Builder builder, TestUpstream... targets) {
        int[] before = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            before[i] = targets[i].requestCount();
        }
        TestClient client = connect(builder);
        HttpAnswer answer = client.awaitAnswer();
        TestUpstream target = null;
        TestUpstream.UpstreamConnection leg = null;
        for (int i = 0; i < targets.length; i++) {
            int grew = targets[i].requestCount() - before[i];
            if (grew == 0) {
                continue;
            }
            if (grew != 1 || target != null) {
                fail("one handshake reached more than one upgrade request: " + Arrays.toString(targets)
                        + " had " + Arrays.toString(before) + " requests before");
            }
            target = targets[i];
            leg = targets[i].connections().get(before[i]);
        }
        return new Session(client, answer, target, leg);
    }

    /** A handshake on {@code pathAndQuery} that must be upgraded by one of {@code targets}. */
    protected final Session openOn(String pathAndQuery, TestUpstream... targets) {
        return openOn(TestClient.to(ws(pathAndQuery)), targets);
    }

    protected final Session openOn(TestClient.Builder builder, TestUpstream... targets) {
        Session session = handshakeOn(builder, targets);
        assertEquals("upgrade answered " + session.answer(), 101, session.answer().status());
        assertNotNull("the upgrade reached none of " + Arrays.toString(targets), session.target());
        return session;
    }

    /** Ends a session from the client side and waits (bounded) until the gateway has ended the upstream leg. */
    protected static void closeSession(Session session) {
        session.client().close();
        if (session.leg() != null) {
            session.leg().awaitDisconnected(WAIT);
        }
    }

    /**
     * Handshakes until one is answered with {@code status} and returns that client. Each attempt is bounded, and all
     * of them together take at most {@code timeout}: the core may learn of a change a moment after it happened.
     */
    protected final TestClient awaitAnswerStatus(String pathAndQuery, int status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpAnswer last;
        do {
            TestClient client = connect(TestClient.to(ws(pathAndQuery)));
            last = client.awaitAnswer();
            if (last.status() == status) {
                return client;
            }
            client.close();
        } while (System.nanoTime() < deadline);
        throw new AssertionError(pathAndQuery + ": no " + status + " within " + timeout + "; last answer " + last);
    }

    /** Milliseconds between two {@link System#nanoTime()} readings, for reports. */
    protected static long millisBetween(long startNanos, long endNanos) {
        return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
    }

    /**
     * Ends every client, then waits (bounded) until the gateway has ended the matching upstream legs, so no session
     * of this test counts against the next one, then stops the upstreams.
     */
    @After
    public final void closeClientsAndUpstreams() {
        for (TestClient client : clients) {
            client.close();
        }
        for (TestUpstream upstream : upstreams) {
            if (!upstream.awaitAllDisconnected(WAIT)) {
                LOG.warning(upstream + ": an upstream leg was still open " + WAIT + " after its client went away");
            }
            upstream.close();
        }
        clients.clear();
        upstreams.clear();
    }
}
