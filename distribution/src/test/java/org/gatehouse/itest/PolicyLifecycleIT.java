package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * The load-balancing policy is a service the core follows at run time: without it new handshakes get 503 while
 * open sessions go on; with it back, handshakes succeed again, and the core never restarts (CONTRACTS.md).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PolicyLifecycleIT extends GatewayTestBase {

    private static final String UPSTREAM_PORT = "itest.policy.upstream.port";
    private static final String POLICY_BUNDLE = "org.gatehouse.balancer.roundrobin";
    private static final String CORE_BUNDLE = "org.gatehouse.core";

    private TestUpstream upstream;

    @Configuration
    public Option[] config() {
        int port = GatehouseOptions.freePort();
        String yaml = new GatewayYaml()
                .upstream(new GatewayYaml.UpstreamYaml("main").algorithm("round-robin").target(port))
                .route("/ws/main", "main")
                .render();
        return GatehouseOptions.gateway(getClass(), yaml, GatehouseOptions.property(UPSTREAM_PORT, port));
    }

    @Before
    public void startUpstream() {
        upstream = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(UPSTREAM_PORT)));
    }

    /** Leaves the policy running for whatever comes next, even when the test failed half-way. */
    @After
    public void restartPolicy() throws BundleException {
        Bundle policy = Gateway.bundle(context(), POLICY_BUNDLE);
        if (policy.getState() != Bundle.ACTIVE) {
            policy.start();
        }
    }

    @Test
    public void stoppingThePolicyRefusesNewHandshakesButKeepsOpenSessionsAndStartingItRestoresThem()
            throws BundleException {
        Gateway gateway = gateway();
        long listenerId = gateway.serviceId();
        Bundle core = Gateway.bundle(context(), CORE_BUNDLE);
        long coreStarted = core.getLastModified();
        Bundle policy = Gateway.bundle(context(), POLICY_BUNDLE);
        TestClient open = open("/ws/main");
        assertEcho(open, "before");

        policy.stop();

        HttpAnswer refused = awaitHandshake("/ws/main", 503, WAIT).awaitAnswer();
        assertTrue(refused.toString(), refused.body().startsWith("503 Service Unavailable"));
        assertTrue(refused.toString(),
                refused.body().contains("no load-balancing policy \"round-robin\" is installed"));
        assertEquals("refused handshakes never reach the upstream", 1, upstream.requestCount());
        assertEcho(open, "while the policy is gone");

        policy.start();

        TestClient fresh = awaitHandshake("/ws/main", 101, WAIT);
        assertEcho(fresh, "after the policy is back");
        assertEcho(open, "still the first session");
        assertTrue("the listener service is still the one from the start", gateway.isRegistered());
        assertEquals("listener service id", listenerId, gateway().serviceId());
        assertEquals("core bundle state", Bundle.ACTIVE, core.getState());
        assertEquals("core bundle was not updated or reinstalled", coreStarted, core.getLastModified());
    }

    private static void assertEcho(TestClient client, String text) {
        client.sendText(text);
        assertEquals(text, client.nextMessage(WAIT).text());
    }

    /**
     * Handshakes until one is answered with {@code status} and returns that client. Each attempt is bounded, and all
     * of them together take at most {@code timeout}: the core may learn of a service change a moment after the
     * bundle call returned.
     */
    private TestClient awaitHandshake(String path, int status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpAnswer last;
        do {
            TestClient client = connect(TestClient.to(ws(path)));
            last = client.awaitAnswer();
            if (last.status() == status) {
                return client;
            }
            client.close();
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + ": no " + status + " within " + timeout + "; last answer " + last);
    }
}
