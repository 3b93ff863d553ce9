package org.gatehouse.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

public class BundleInstallerTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void bundleFilesAreTheJarsInNameOrder() throws IOException {
        Path dir = temp.getRoot().toPath();
        for (String name : List.of("snakeyaml-2.7.jar", "netty-common.jar", "org.apache.felix.scr.jar", "README.txt")) {
            Files.createFile(dir.resolve(name));
        }
        Files.createDirectory(dir.resolve("folder.jar"));

        List<Path> files = BundleInstaller.bundleFiles(dir);

        assertEquals(List.of(dir.resolve("netty-common.jar"), dir.resolve("org.apache.felix.scr.jar"),
                dir.resolve("snakeyaml-2.7.jar")), files);
    }

    @Test
    public void aBundleWithAFragmentHostIsAFragment() {
        assertTrue(BundleInstaller.isFragment(bundle("io.netty.transport-native-epoll",
                Map.of("Fragment-Host", "io.netty.transport-classes-epoll"))));
        assertFalse(BundleInstaller.isFragment(bundle("io.netty.common", Map.of())));
    }

    @Test
    public void nameShowsSymbolicNameAndFile() {
        assertEquals("io.netty.common (netty-common-4.2.18.Final.jar)",
                BundleInstaller.name(bundle("io.netty.common", Map.of())));
    }

    @Test
    public void reasonPutsTheCausesOnOneLine() {
        BundleException e = new BundleException("Activator start error", new IllegalStateException("no\nport"));

        assertEquals("Activator start error: no port", BundleInstaller.reason(e));
        assertEquals("java.lang.NullPointerException", BundleInstaller.reason(new NullPointerException()));
    }

    /** Just enough of a Bundle for the installer's helpers. */
    private static Bundle bundle(String symbolicName, Map<String, String> headers) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getSymbolicName":
                            return symbolicName;
                        case "getLocation":
                            return "file:/opt/gatehouse/bundle/netty-common-4.2.18.Final.jar";
                        case "getHeaders":
                            return new Hashtable<>(headers);
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
