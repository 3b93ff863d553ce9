package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.LogRecord;

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
 * The health probe is a service the core follows at run time (CONTRACTS-5.md): without a provider of the configured
 * type, targets keep their last state and one WARNING names the type; once a provider is back, probing resumes by
 * itself. Handshakes work throughout and the core is never restarted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HealthProviderLifecycleIT extends GatewayTestBase {

    private static final String PORT_A = "itest.provider.a.port";
    private static final String PORT_B = "itest.provider.b.port";
    private static final String PROBES_BUNDLE = "org.gatehouse.health.probes";
    private static final String CORE_BUNDLE = "org.gatehouse.core";
    private static final String UPSTREAM = "main";
    private static final String PATH = "/ws/main";
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final int THRESHOLD = 2;
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration HEALTH_WAIT = INTERVAL.multipliedBy(THRESHOLD + 1).plus(TIMEOUT).plusSeconds(5);
    /**
     * How long the target's failing /health must go unnoticed without a provider: two more probe rounds than a
     * transition needs, so a core still probing would have marked it.
     */
    private static final Duration FROZEN = INTERVAL.multipliedBy(THRESHOLD + 2).plus(TIMEOUT);

    private TestUpstream a;
    private TestUpstream b;
    private LogCapture log;

    @Configuration
    public Option[] config() {
        int portA = GatehouseOptions.freePort();
        int portB = GatehouseOptions.freePort();
        String yaml = new GatewayYaml()
                .upstream(new GatewayYaml.UpstreamYaml(UPSTREAM).algorithm("round-robin").target(portA).target(portB)
                        .activeHealth("/health", "1s").health("threshold", THRESHOLD)
                        .health("healthy_threshold", 2).health("timeout", "500ms"))
                .route(PATH, UPSTREAM)
                .render();
        return GatehouseOptions.gateway(getClass(), yaml, GatehouseOptions.property(PORT_A, portA),
                GatehouseOptions.property(PORT_B, portB));
    }

    @Before
    public void startTargets() {
        log = LogCapture.attach();
        a = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(PORT_A)).healthPath("/health"));
        b = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(PORT_B)).healthPath("/health"));
    }

    /** Leaves the probes running for whatever comes next, even when the test failed half-way. */
    @After
    public void restartProbes() throws BundleException {
        log.close();
        Bundle probes = Gateway.bundle(context(), PROBES_BUNDLE);
        if (probes.getState() != Bundle.ACTIVE) {
            probes.start();
        }
    }

    @Test
    public void withoutAProviderTargetsKeepTheirStateAndProbingResumesWhenItIsBack() throws BundleException {
        Gateway gateway = gateway();
        long listenerId = gateway.serviceId();
        Bundle core = Gateway.bundle(context(), CORE_BUNDLE);
        long coreModified = core.getLastModified();
        String targetA = Gateway.target(UPSTREAM, a.port());
        gateway.awaitHealthy(List.of(targetA, Gateway.target(UPSTREAM, b.port())), HEALTH_WAIT);
        // The target started after the gateway, so it may carry a failed check from before; a passed one resets it.
        assertTrue("no health check of " + a + " passed within " + HEALTH_WAIT,
                a.awaitHealthChecksAnsweredAbove(200, 0, HEALTH_WAIT));
        Bundle probes = Gateway.bundle(context(), PROBES_BUNDLE);
        Predicate<LogRecord> warning = LogCapture.containing(Level.WARNING, "http");

        probes.stop();

        log.await("at WARNING naming the missing probe type \"http\"", warning, WAIT);
        a.healthStatus(500);
        int checksBefore = a.healthChecks().size();
        try (Gateway.UnhealthyWatch marked = gateway.watchUnhealthy(list -> list.contains(targetA))) {
            // Handshakes all along the window; the watch waits for the transition that must not happen.
            long until = System.nanoTime() + FROZEN.toNanos();
            int handshakes = 0;
            while (System.nanoTime() < until) {
                closeSession(openOn(PATH, a, b));
                handshakes++;
                assertFalse(targetA + " was marked unhealthy without a probe provider", marked.reached());
            }
            assertTrue("no handshake in " + FROZEN, handshakes > 0);
            assertFalse(targetA + " was marked unhealthy without a probe provider", marked.reached());
        }
        assertEquals("health checks that reached the target without a probe provider", checksBefore,
                a.healthChecks().size());
        assertEquals("WARNINGs naming the missing type: " + log.messages(warning), 1, log.count(warning));

        probes.start();
        long startedAt = System.nanoTime();

        gateway.awaitUnhealthy(targetA, HEALTH_WAIT);
        System.out.printf("probe provider restarted at t=0 with %s's /health answering 500: marked unhealthy at"
                + " %d ms (interval %s, threshold %d)%n", targetA, millisBetween(startedAt, System.nanoTime()),
                INTERVAL, THRESHOLD);
        assertTrue("no health check reached the target after the provider came back",
                a.healthChecks().size() > checksBefore);
        int aBefore = a.requestCount();
        for (int i = 0; i < 4; i++) {
            closeSession(openOn(PATH, a, b));
        }
        assertEquals("handshakes that reached the unhealthy target", aBefore, a.requestCount());

        a.healthStatus(200);
        gateway.awaitUnhealthy("to no longer contain " + targetA, list -> !list.contains(targetA), HEALTH_WAIT);
        assertTrue("the listener service is still the one from the start", gateway.isRegistered());
        assertEquals("listener service id", listenerId, gateway().serviceId());
        assertEquals("core bundle state", Bundle.ACTIVE, core.getState());
        assertEquals("core bundle was not updated or reinstalled", coreModified, core.getLastModified());
    }
}
