package org.gatehouse.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.Test;

public class ArgumentsTest {

    private static final Path CWD = Path.of("/srv/work");

    @Test
    public void noArgumentsMeansTheDefaultConfig() throws UsageException {
        Arguments arguments = Arguments.parse(new String[0], CWD);

        assertEquals(Optional.empty(), arguments.config());
        assertFalse(arguments.help());
    }

    @Test
    public void configTakesTheNextArgument() throws UsageException {
        assertEquals(Optional.of(Path.of("/etc/gatehouse/gw.yaml")),
                Arguments.parse(new String[] {"--config", "/etc/gatehouse/gw.yaml"}, CWD).config());
    }

    @Test
    public void configTakesAnAttachedValue() throws UsageException {
        assertEquals(Optional.of(Path.of("/etc/gatehouse/gw.yaml")),
                Arguments.parse(new String[] {"--config=/etc/gatehouse/gw.yaml"}, CWD).config());
    }

    @Test
    public void relativeConfigIsResolvedAgainstTheWorkingDirectory() throws UsageException {
        assertEquals(Optional.of(Path.of("/srv/work/conf/gw.yaml")),
                Arguments.parse(new String[] {"--config", "conf/gw.yaml"}, CWD).config());
        assertEquals(Optional.of(Path.of("/srv/gw.yaml")),
                Arguments.parse(new String[] {"--config=../gw.yaml"}, CWD).config());
    }

    @Test
    public void helpInEitherSpelling() throws UsageException {
        assertTrue(Arguments.parse(new String[] {"-h"}, CWD).help());
        assertTrue(Arguments.parse(new String[] {"--help"}, CWD).help());
        assertTrue(Arguments.parse(new String[] {"--config", "x.yaml", "--help"}, CWD).help());
    }

    @Test
    public void unknownArgumentIsNamed() {
        assertUsage("unknown argument: --frobnicate", "--frobnicate");
        assertUsage("unknown argument: gatehouse.yaml", "gatehouse.yaml");
        assertUsage("unknown argument: -config", "-config", "x.yaml");
    }

    @Test
    public void configWithoutAFileIsRefused() {
        assertUsage("--config needs a file", "--config");
        assertUsage("--config needs a file", "--config=");
        assertUsage("--config needs a file", "--config", "");
    }

    @Test
    public void configGivenTwiceIsRefused() {
        assertUsage("--config given twice", "--config", "a.yaml", "--config=b.yaml");
    }

    @Test
    public void usageNamesEveryOption() {
        assertTrue(Arguments.USAGE.contains("--config FILE"));
        assertTrue(Arguments.USAGE.contains("-h, --help"));
    }

    private static void assertUsage(String message, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> Arguments.parse(args, CWD));
        assertEquals(message, e.getMessage());
    }
}
