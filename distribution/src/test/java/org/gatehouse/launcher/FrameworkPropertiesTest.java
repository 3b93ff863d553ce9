package org.gatehouse.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FrameworkPropertiesTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private Path home;
    private Path config;

    @Before
    public void setUp() throws IOException {
        home = temp.newFolder("gatehouse").toPath();
        config = home.resolve("conf/gatehouse.yaml");
    }

    @Test
    public void defaultsPointIntoTheHome() {
        Map<String, String> properties = FrameworkProperties.defaults(home, config);

        assertEquals(home.resolve("data/felix-cache").toString(), properties.get("org.osgi.framework.storage"));
        assertEquals("onFirstInit", properties.get("org.osgi.framework.storage.clean"));
        assertEquals(home.resolve("deploy").toString(), properties.get("felix.fileinstall.dir"));
        assertEquals("1000", properties.get("felix.fileinstall.poll"));
        assertEquals("true", properties.get("felix.fileinstall.noInitialDelay"));
        assertEquals("true", properties.get("felix.fileinstall.bundles.new.start"));
        assertEquals(home.resolve("data/fileinstall-tmp").toString(), properties.get("felix.fileinstall.tmpdir"));
        assertEquals(config.toString(), properties.get("gatehouse.config"));
        assertEquals("2", properties.get("org.osgi.framework.startlevel.beginning"));
        assertEquals(9, properties.size());
    }

    @Test
    public void withoutOverridesTheDefaultsStand() throws IOException {
        assertEquals(FrameworkProperties.defaults(home, config), FrameworkProperties.load(home, config));
    }

    @Test
    public void overridesReplaceAndAdd() throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve(FrameworkProperties.OVERRIDES),
                "# tuning\nfelix.fileinstall.poll = 250\nfelix.log.level=2\ngatehouse.config.poll=200ms\n",
                StandardCharsets.UTF_8);

        Map<String, String> properties = FrameworkProperties.load(home, config);

        assertEquals("250", properties.get("felix.fileinstall.poll"));
        assertEquals("2", properties.get("felix.log.level"));
        assertEquals("200ms", properties.get("gatehouse.config.poll"));
        assertEquals("onFirstInit", properties.get("org.osgi.framework.storage.clean"));
    }

    @Test
    public void missingFoldersAreCreated() throws IOException {
        FrameworkProperties.createDirectories(home);
        FrameworkProperties.createDirectories(home);

        assertTrue(Files.isDirectory(home.resolve("deploy")));
        assertTrue(Files.isDirectory(home.resolve("data")));
    }
}
