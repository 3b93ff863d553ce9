package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

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
import org.osgi.framework.BundleEvent;

/**
 * Upgrading a policy is replacing its jar in the deploy folder (CONTRACTS-5.md): FileInstall updates the bundle in
 * place, the core follows the policy service, open sessions go on, and new handshakes are refused only while the
 * policy is away. The weighted-round-robin policy is left to FileInstall in this test's own folder; every other
 * bundle is installed as usual.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PolicyDeployIT extends GatewayTestBase {

    private static final String PORT_A = "itest.deploy.a.port";
    private static final String PORT_B = "itest.deploy.b.port";
    private static final String POLICY_BUNDLE = "org.gatehouse.balancer.weightedroundrobin";
    private static final String CORE_BUNDLE = "org.gatehouse.core";
    private static final String PATH = "/ws/wrr";
    private static final String MISSING = "no load-balancing policy \"weighted-round-robin\" is installed";
    /** FileInstall scans every 2 s (its default); noticing, updating and restarting a bundle fits well within. */
    private static final Duration DEPLOY_WAIT = Duration.ofSeconds(20);
    /** A refused handshake may end this long after the policy bundle's last event, to be counted as around it. */
    private static final Duration GRACE = Duration.ofSeconds(1);
    /** Upgrades after the policy bundle's last event that show the update has settled. */
    private static final int SETTLED = 10;
    /** The handshake loop's own limit, should a test never stop it. */
    private static final Duration LOOP_LIMIT = Duration.ofSeconds(60);

    private TestUpstream a;
    private TestUpstream b;
    private Path deployed;
    private Path staging;

    @Configuration
    public Option[] config() {
        int portA = GatehouseOptions.freePort();
        int portB = GatehouseOptions.freePort();
        String yaml = new GatewayYaml()
                .upstream(new GatewayYaml.UpstreamYaml("wrr").algorithm("weighted-round-robin")
                        .weightedTarget(portA, 2).weightedTarget(portB, 1))
                .route(PATH, "wrr")
                .render();
        return GatehouseOptions.gatewayDeploying(getClass(), yaml, List.of(POLICY_BUNDLE),
                GatehouseOptions.property(PORT_A, portA), GatehouseOptions.property(PORT_B, portB));
    }

    @Before
    public void startTargetsAndFindTheJar() throws IOException {
        a = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(PORT_A)));
        b = startUpstream(TestUpstream.builder().port(GatehouseOptions.intProperty(PORT_B)));
        Path deployDir = Paths.get(System.getProperty(GatehouseOptions.DEPLOY_DIR_PROPERTY));
        deployed = deployDir.resolve(pristineJar().getFileName());
        // Outside the watched folder, so FileInstall never sees a half-written or temporary jar; same file system,
        // so a move from here into the deploy folder is atomic.
        staging = deployDir.resolveSibling("staging");
        Files.createDirectories(staging);
    }

    /** Leaves the policy deployed for whatever comes next, even when a test failed half-way. */
    @After
    public void redeployIfRemoved() throws IOException {
        if (!Files.exists(deployed)) {
            Path temp = Files.createTempFile(staging, "redeploy", ".tmp");
            Files.copy(pristineJar(), temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, deployed, StandardCopyOption.ATOMIC_MOVE);
            BundleEvents.awaitActive(context(), POLICY_BUNDLE, DEPLOY_WAIT);
        }
    }

    @Test
    public void replacingThePolicyJarKeepsSessionsAndTheCoreAndRefusesHandshakesOnlyAroundTheUpdate()
            throws IOException {
        Gateway gateway = gateway();
        long listenerId = gateway.serviceId();
        Bundle core = Gateway.bundle(context(), CORE_BUNDLE);
        long coreModified = core.getLastModified();
        Bundle policy = BundleEvents.awaitActive(context(), POLICY_BUNDLE, DEPLOY_WAIT);
        long policyId = policy.getBundleId();
        long policyModified = policy.getLastModified();
        awaitAnswerStatus(PATH, 101, WAIT);
        List<Session> longLived = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Session session = openOn(PATH, a, b);
            assertTextRoundTrip(session.client(), session.leg(), "before the update " + i);
            longLived.add(session);
        }

        long replacedAt;
        List<HandshakeLoop.Attempt> attempts;
        List<BundleEvents.Event> policyEvents;
        List<BundleEvents.Event> coreEvents;
        try (BundleEvents policyWatch = BundleEvents.watch(context(), POLICY_BUNDLE);
             BundleEvents coreWatch = BundleEvents.watch(context(), CORE_BUNDLE);
             HandshakeLoop loop = HandshakeLoop.start(ws(PATH), LOOP_LIMIT)) {
            loop.awaitAttempts("3 upgrades before the update", list -> upgraded(list, Long.MIN_VALUE) >= 3, WAIT);

            replacedAt = System.nanoTime();
            replaceWithRewrittenCopy(deployed);

            policyWatch.await(BundleEvent.UPDATED, DEPLOY_WAIT);
            loop.awaitAttempts(SETTLED + " upgrades after the policy bundle's last event, the bundle ACTIVE",
                    list -> isActive(POLICY_BUNDLE) && upgraded(list, policyWatch.lastEventNanoTime()) >= SETTLED,
                    DEPLOY_WAIT);
            loop.stop();
            attempts = loop.attempts();
            policyEvents = policyWatch.events();
            coreEvents = coreWatch.events();
        }

        long lastPolicyEvent = policyEvents.get(policyEvents.size() - 1).nanoTime();
        List<HandshakeLoop.Attempt> failed = attempts.stream().filter(x -> x.status() != 101).toList();
        long updatedAt = policyEvents.stream().filter(e -> e.type() == BundleEvent.UPDATED).findFirst()
                .orElseThrow().nanoTime();
        System.out.printf("policy jar replaced at t=0: UPDATED at %d ms, last bundle event at %d ms (%s);"
                        + " %d handshakes, %d refused%s%n", millisBetween(replacedAt, updatedAt),
                millisBetween(replacedAt, lastPolicyEvent), policyEvents, attempts.size(), failed.size(),
                failed.isEmpty() ? "" : String.format(" from %d ms to %d ms (a gap of %d ms)",
                        millisBetween(replacedAt, failed.get(0).startNanos()),
                        millisBetween(replacedAt, failed.get(failed.size() - 1).endNanos()),
                        millisBetween(failed.get(0).startNanos(), failed.get(failed.size() - 1).endNanos())));
        for (HandshakeLoop.Attempt x : failed) {
            assertEquals("a handshake during the update: " + x.answer(), 503, x.status());
            assertTrue("a handshake during the update: " + x.answer(), x.answer().contains(MISSING));
            assertTrue("a handshake was refused before the jar was replaced: " + x.answer(),
                    x.startNanos() >= replacedAt);
            assertTrue("a handshake was refused " + millisBetween(lastPolicyEvent, x.endNanos()) + " ms after the"
                    + " policy bundle's last event " + policyEvents + ": " + x.answer(),
                    x.endNanos() <= lastPolicyEvent + GRACE.toNanos());
        }

        assertEquals("the policy bundle was updated in place, not reinstalled", policyId, policy.getBundleId());
        assertEquals("policy bundle state", Bundle.ACTIVE, policy.getState());
        assertNotEquals("the policy bundle's last-modified did not change", policyModified, policy.getLastModified());
        assertEquals("events of the core bundle during the update", List.of(), coreEvents);
        assertEquals("core bundle state", Bundle.ACTIVE, core.getState());
        assertEquals("core bundle last-modified", coreModified, core.getLastModified());
        assertTrue("the listener service is still the one from the start", gateway.isRegistered());
        assertEquals("listener service id", listenerId, gateway().serviceId());
        for (int i = 0; i < longLived.size(); i++) {
            Session session = longLived.get(i);
            assertTextRoundTrip(session.client(), session.leg(), "after the update " + i);
        }
    }

    @Test
    public void removingThePolicyJarRefusesNewHandshakesAndPuttingItBackRestoresThem() throws IOException {
        BundleEvents.awaitActive(context(), POLICY_BUNDLE, DEPLOY_WAIT);
        awaitAnswerStatus(PATH, 101, WAIT);
        Session open = openOn(PATH, a, b);
        assertTextRoundTrip(open.client(), open.leg(), "before the removal");
        Path removed = staging.resolve(deployed.getFileName());

        try (BundleEvents watch = BundleEvents.watch(context(), POLICY_BUNDLE)) {
            Files.move(deployed, removed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            watch.await(BundleEvent.UNINSTALLED, DEPLOY_WAIT);
        }

        int requestsBefore = a.requestCount() + b.requestCount();
        HttpAnswer refused = awaitAnswerStatus(PATH, 503, WAIT).awaitAnswer();
        assertTrue(refused.toString(), refused.body().startsWith("503 Service Unavailable"));
        assertTrue(refused.toString(), refused.body().contains(MISSING));
        assertEquals("refused handshakes never reach a target", requestsBefore, a.requestCount() + b.requestCount());
        assertTextRoundTrip(open.client(), open.leg(), "while the policy is gone");

        Files.move(removed, deployed, StandardCopyOption.ATOMIC_MOVE);
        BundleEvents.awaitActive(context(), POLICY_BUNDLE, DEPLOY_WAIT);

        TestClient fresh = awaitAnswerStatus(PATH, 101, WAIT);
        fresh.sendText("after the policy is back");
        assertEquals("after the policy is back", fresh.nextMessage(WAIT).text());
        assertTextRoundTrip(open.client(), open.leg(), "still the first session");
    }

    /** The distribution's own copy of the policy jar. */
    private static Path pristineJar() throws IOException {
        try (Stream<Path> files = Files.list(GatehouseOptions.distribution().resolve("deploy"))) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().startsWith(POLICY_BUNDLE)).toList();
            assertEquals("jars named " + POLICY_BUNDLE + "* in the distribution's deploy/", 1, jars.size());
            return jars.get(0);
        }
    }

    /**
     * Replaces {@code jar} as an operator would: a modified copy (the same entries plus one harmless new one, so
     * its content, size and checksum differ) written under a temporary name, then moved over the old one at once.
     */
    private void replaceWithRewrittenCopy(Path jar) throws IOException {
        Path temp = Files.createTempFile(staging, jar.getFileName().toString(), ".tmp");
        try (InputStream source = Files.newInputStream(jar);
             ZipInputStream in = new ZipInputStream(source);
             OutputStream sink = Files.newOutputStream(temp);
             ZipOutputStream out = new ZipOutputStream(sink)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("META-INF/itest-rewritten-" + System.nanoTime() + ".txt"));
            out.write("rewritten by PolicyDeployIT\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Files.move(temp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Whether a bundle with this name is installed and ACTIVE. */
    private boolean isActive(String symbolicName) {
        return Stream.of(context().getBundles())
                .anyMatch(x -> symbolicName.equals(x.getSymbolicName()) && x.getState() == Bundle.ACTIVE);
    }

    /** Upgrades among {@code attempts} that started after {@code afterNanoTime}. */
    private static long upgraded(List<HandshakeLoop.Attempt> attempts, long afterNanoTime) {
        return attempts.stream().filter(x -> x.status() == 101 && x.startNanos() > afterNanoTime).count();
    }

    /**
     * One client making handshakes back to back on its own thread, each bounded and each closed at once, recording
     * when each started and ended and how it was answered, until stopped or {@code limit} is over.
     */
    private static final class HandshakeLoop implements AutoCloseable {

        /**
         * One handshake.
         *
         * @param startNanos when it started
         * @param endNanos when it was answered (or gave up)
         * @param status the status, or -1 when there was no answer
         * @param answer the answer as text, or why there was none
         */
        record Attempt(long startNanos, long endNanos, int status, String answer) {
        }

        private final URI uri;
        private final long deadline;
        private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean stopped;

        private HandshakeLoop(URI uri, Duration limit) {
            this.uri = uri;
            this.deadline = System.nanoTime() + limit.toNanos();
            this.thread = new Thread(this::run, "itest-handshake-loop");
            thread.setDaemon(true);
        }

        static HandshakeLoop start(URI uri, Duration limit) {
            HandshakeLoop loop = new HandshakeLoop(uri, limit);
            loop.thread.start();
            return loop;
        }

        private void run() {
            try {
                while (!stopped && System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    int status;
                    String answer;
                    try (TestClient client = TestClient.to(uri).open()) {
                        HttpAnswer a = client.awaitAnswer(WAIT);
                        status = a.status();
                        answer = a.toString();
                    } catch (AssertionError | RuntimeException e) {
                        status = -1;
                        answer = e.toString();
                    }
                    attempts.add(new Attempt(start, System.nanoTime(), status, answer));
                    signal();
                }
            } finally {
                stopped = true;
                signal();
            }
        }

        private void signal() {
            synchronized (this) {
                notifyAll();
            }
        }

        List<Attempt> attempts() {
            return List.copyOf(attempts);
        }

        /** Waits, at most {@code timeout}, until the attempts so far satisfy {@code wanted}. */
        void awaitAttempts(String what, Predicate<List<Attempt>> wanted, Duration timeout) {
            long until = System.nanoTime() + timeout.toNanos();
            synchronized (this) {
                while (!wanted.test(attempts)) {
                    long left = until - System.nanoTime();
                    if (left <= 0 || stopped) {
                        throw new AssertionError("waited " + timeout + " for " + what + " in vain"
                                + (stopped ? " (the loop ended)" : "") + "; " + attempts.size() + " attempts, the"
                                + " last: " + (attempts.isEmpty() ? "none" : attempts.get(attempts.size() - 1)));
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError("interrupted", e);
                    }
                }
            }
        }

        /** Stops after the attempt under way, which is bounded by {@link #WAIT}. */
        void stop() {
            stopped = true;
            try {
                thread.join(WAIT.plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            assertFalse("the handshake loop did not stop", thread.isAlive());
        }

        @Override
        public void close() {
            stop();
        }
    }
}
