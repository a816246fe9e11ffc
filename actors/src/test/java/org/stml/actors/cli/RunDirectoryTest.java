package org.stml.actors.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where a run writes: {@code --run-dir}, then {@code stml.run.dir}, then {@code runs/<timestamp>}. */
class RunDirectoryTest {

    @Test
    void theRunDirOptionComesFirstThenTheSettingThenATimestamp() {
        assertEquals(Path.of("given"), RunDirectory.choose(Path.of("given"), "configured"));
        assertEquals(Path.of("configured"), RunDirectory.choose(null, "configured"));
        Path automatic = RunDirectory.choose(null, "");
        assertEquals(Path.of("runs"), automatic.getParent());
        assertTrue(automatic.getFileName().toString().matches("\\d{8}-\\d{6}"), automatic.toString());
    }
}
