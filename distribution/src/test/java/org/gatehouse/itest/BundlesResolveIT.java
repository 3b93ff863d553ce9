package org.gatehouse.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The distribution's bundle set resolves in a real Felix: every bundle of {@code bundle/} is ACTIVE, fragments are
 * RESOLVED and attached, the core exports nothing, the SDK exports versioned packages, and the core comes up.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundlesResolveIT extends GatewayTestBase {

    private static final String CORE = "org.gatehouse.core";
    private static final String SDK = "org.gatehouse.sdk";
    private static final List<String> SDK_PACKAGES = List.of("org.gatehouse.sdk.balancer",
            "org.gatehouse.sdk.handshake", "org.gatehouse.sdk.message", "org.gatehouse.sdk.health");

    @Configuration
    public Option[] config() {
        int unused = GatehouseOptions.freePort();
        String yaml = new GatewayYaml()
                .upstream(new GatewayYaml.UpstreamYaml("echo").target(unused, "/echo"))
                .route("/ws/echo", "echo")
                .render();
        return GatehouseOptions.gateway(getClass(), yaml);
    }

    @Test
    public void everyBundleIsActiveAndEveryFragmentResolvedAndAttached() {
        Map<String, String> wrong = new TreeMap<>();
        List<Path> jars = GatehouseOptions.distributionJars();
        for (Path jar : jars) {
            Attributes manifest = GatehouseOptions.manifest(jar).getMainAttributes();
            String name = manifest.getValue("Bundle-SymbolicName").split(";")[0].trim();
            Bundle bundle = installed(name, Version.parseVersion(manifest.getValue("Bundle-Version")));
            if (bundle == null) {
                wrong.put(name, "not installed");
            } else if (GatehouseOptions.isFragment(jar)) {
                if (bundle.getState() != Bundle.RESOLVED) {
                    wrong.put(name, "fragment " + Gateway.stateName(bundle.getState()) + ", expected RESOLVED");
                } else if (hosts(bundle).isEmpty()) {
                    wrong.put(name, "fragment attached to no host");
                }
            } else if (bundle.getState() != Bundle.ACTIVE) {
                wrong.put(name, Gateway.stateName(bundle.getState()) + ", expected ACTIVE");
            }
        }
        assertTrue("no jars in the distribution's bundle/ folder", jars.size() > 10);
        assertTrue("bundles in the wrong state: " + wrong + "\nall bundles:" + Gateway.bundleStates(context()),
                wrong.isEmpty());
    }

    @Test
    public void epollNativeTransportLoadsFromItsFragment() {
        assumeTrue("the distribution ships the linux-x86_64 epoll fragment only",
                System.getProperty("os.name").toLowerCase().contains("linux")
                        && System.getProperty("os.arch").matches("amd64|x86_64"));
        Bundle fragment = Gateway.bundle(context(), "io.netty.transport-native-epoll.linux-x86_64");
        assertEquals(List.of("io.netty.transport-classes-epoll"), hosts(fragment));
        assertTrue("Epoll unavailable: " + io.netty.channel.epoll.Epoll.unavailabilityCause(),
                io.netty.channel.epoll.Epoll.isAvailable());
    }

    @Test
    public void coreExportsNoPackage() {
        Bundle core = Gateway.bundle(context(), CORE);
        assertNull("Export-Package of " + CORE, core.getHeaders().get("Export-Package"));
        List<BundleCapability> exports = core.adapt(BundleWiring.class)
                .getCapabilities(PackageNamespace.PACKAGE_NAMESPACE);
        assertEquals("packages exported by " + CORE, List.of(), exports);
    }

    @Test
    public void sdkExportsItsPackagesWithVersions() {
        Bundle sdk = Gateway.bundle(context(), SDK);
        Map<String, Version> exported = new TreeMap<>();
        for (BundleCapability c : sdk.adapt(BundleWiring.class).getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
            exported.put((String) c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE),
                    (Version) c.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE));
        }
        assertTrue("SDK exports " + exported + ", expected at least " + SDK_PACKAGES,
                exported.keySet().containsAll(SDK_PACKAGES));
        exported.forEach((pkg, version) -> assertNotEquals("version of " + pkg, Version.emptyVersion, version));
    }

    @Test
    public void coreRegistersItsClientListenerWithConfigCounters() {
        Gateway gateway = gateway();
        assertTrue("bound port " + gateway.port(), gateway.port() > 0);
        assertTrue("bound to " + gateway.address(), gateway.address().getAddress().isLoopbackAddress());
        assertEquals("configs applied after start", 1L, gateway.generation());
        assertEquals("reloads refused after start", 0L, gateway.rejections());
    }

    private Bundle installed(String symbolicName, Version version) {
        for (Bundle b : context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && version.equals(b.getVersion())) {
                return b;
            }
        }
        return null;
    }

    /** The symbolic names of the hosts a fragment is attached to. */
    private static List<String> hosts(Bundle fragment) {
        List<String> hosts = new ArrayList<>();
        BundleWiring wiring = fragment.adapt(BundleWiring.class);
        if (wiring != null) {
            wiring.getRequiredWires(HostNamespace.HOST_NAMESPACE)
                    .forEach(w -> hosts.add(w.getProvider().getSymbolicName()));
        }
        return hosts;
    }
}
