package org.gatehouse.launcher;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ConfigFileTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void anExistingFileIsFine() throws IOException {
        Path file = temp.newFile("gatehouse.yaml").toPath();

        assertEquals(Optional.empty(), ConfigFile.problem(file));
    }

    @Test
    public void aMissingFileIsNamed() {
        Path file = temp.getRoot().toPath().resolve("nope.yaml");

        assertEquals(Optional.of("config file does not exist: " + file), ConfigFile.problem(file));
    }

    @Test
    public void aDirectoryIsRefused() {
        Path folder = temp.getRoot().toPath();

        assertEquals(Optional.of("config file is not a regular file: " + folder), ConfigFile.problem(folder));
    }
}
