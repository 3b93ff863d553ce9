package org.gatehouse.launcher;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;

import org.junit.Test;

public class HomeTest {

    private static final Path JAR = Path.of("/opt/gatehouse/lib/gatehouse-distribution.jar");

    @Test
    public void propertyWins() {
        assertEquals(Path.of("/srv/gh"), Home.resolve("/srv/gh", JAR));
    }

    @Test
    public void relativePropertyIsMadeAbsolute() {
        assertEquals(Path.of("").toAbsolutePath().resolve("gh"), Home.resolve("./gh", JAR));
    }

    @Test
    public void withoutPropertyTheHomeIsTheParentOfTheJarsFolder() {
        assertEquals(Path.of("/opt/gatehouse"), Home.resolve(null, JAR));
        assertEquals(Path.of("/opt/gatehouse"), Home.resolve("  ", JAR));
    }

    @Test
    public void withNothingToGoByTheHomeIsTheWorkingDirectory() {
        assertEquals(Path.of("").toAbsolutePath(), Home.resolve(null, null));
        assertEquals(Path.of("").toAbsolutePath(), Home.resolve(null, Path.of("/launcher.jar")));
    }
}
