package org.stml.actors.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stml.model.checkpoint.Provenance;

/** Where a run writes ({@code --run-dir}, then {@code stml.run.dir}, then {@code runs/<timestamp>}) and what. */
class RunDirectoryTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eventsAreOneValidObjectPerLineWithNonFiniteNumbersAsNull(@TempDir Path temp) throws IOException {
        Provenance provenance = Provenance.builder().optVersions(Map.of("host", "a \"quoted\"\nname")).build();
        RunDirectory directory = RunDirectory.create(temp.resolve("run"), "stml {}\n", provenance);
        directory.event("epoch", RunDirectory.object().put("epoch", 0).put("mean_loss", Double.NaN)
                .put("images_per_second", 12.5));
        directory.event("finished", RunDirectory.object().put("recall_at_1_after", Double.POSITIVE_INFINITY));

        List<String> lines = Files.readAllLines(temp.resolve("run/events.jsonl"));
        assertEquals(2, lines.size());
        JsonNode epoch = json.readTree(lines.get(0));
        assertEquals(List.of("time", "event", "epoch", "mean_loss", "images_per_second"),
                epoch.properties().stream().map(Map.Entry::getKey).toList());
        assertEquals("epoch", epoch.get("event").textValue());
        assertTrue(epoch.get("mean_loss").isNull(), lines.get(0));
        assertEquals(12.5, epoch.get("images_per_second").doubleValue());
        assertTrue(json.readTree(lines.get(1)).get("recall_at_1_after").isNull(), lines.get(1));
        assertEquals(provenance, Provenance.parse(Files.readString(temp.resolve("run/provenance.json"))));
    }

    @Test
    void theRunDirOptionComesFirstThenTheSettingThenATimestamp() {
        assertEquals(Path.of("given"), RunDirectory.choose(Path.of("given"), "configured"));
        assertEquals(Path.of("configured"), RunDirectory.choose(null, "configured"));
        Path automatic = RunDirectory.choose(null, "");
        assertEquals(Path.of("runs"), automatic.getParent());
        assertTrue(automatic.getFileName().toString().matches("\\d{8}-\\d{6}"), automatic.toString());
    }
}
