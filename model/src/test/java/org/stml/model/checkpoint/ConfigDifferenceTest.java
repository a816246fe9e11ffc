package org.stml.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDifferenceTest {

    private static final Set<String> MATTERS = Set.of("model", "train.lr");

    @Test
    void listsEveryKeyThatMattersWithOldAndNewValues() {
        Map<String, String> previous = Map.of("model.backbone", "resnet50", "train.lr", "1e-4",
                "train.epochs", "90", "model.pooling", "avg+max", "logging.level", "info");
        Map<String, String> current = Map.of("model.backbone", "bn-inception", "train.lr", "1e-4",
                "train.epochs", "60", "model.embedding-size", "512", "logging.level", "debug");
        ConfigDifference difference = ConfigDifference.between(previous, current, MATTERS);
        assertEquals(List.of(new ConfigDifference.Change("model.backbone", "resnet50", "bn-inception"),
                new ConfigDifference.Change("model.embedding-size", null, "512"),
                new ConfigDifference.Change("model.pooling", "avg+max", null)), difference.changes());
        assertEquals("""
                model.backbone: resnet50 -> bn-inception
                model.embedding-size: <absent> -> 512
                model.pooling: avg+max -> <absent>""", difference.format());
    }

    @Test
    void keysThatDoNotMatterAreIgnored() {
        ConfigDifference difference = ConfigDifference.between(Map.of("train.lr", "1e-4", "train.lrx", "1",
                "models", "a"), Map.of("train.lr", "1e-4", "train.lrx", "2", "models", "b"), MATTERS);
        assertTrue(difference.isEmpty());
        assertEquals("", difference.format());
    }

    @Test
    void resumeRefusesADifferenceThatMattersUnlessOverridden(@TempDir Path root) throws IOException {
        try (TinyRun run = new TinyRun(4)) {
            Path saved = run.saveAs(CheckpointStore.builder().setDirectory(root).build(), 1, 0.5,
                    "model.backbone=resnet50\ntrain.lr=1e-4\ntrain.epochs=90\n");
            Checkpoint checkpoint = Checkpoint.open(saved);
            String current = "model.backbone=resnet50\ntrain.lr=3e-4\ntrain.epochs=60\n";

            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> checkpoint.requireCompatibleConfig(current, ConfigDifferenceTest::flatten, MATTERS, false));
            assertEquals("checkpoint " + saved + ": configuration differs in keys that matter (override to resume "
                    + "anyway):\ntrain.lr: 1e-4 -> 3e-4", e.getMessage());
            assertEquals("train.lr: 1e-4 -> 3e-4",
                    checkpoint.requireCompatibleConfig(current, ConfigDifferenceTest::flatten, MATTERS, true).format());
            assertTrue(checkpoint.requireCompatibleConfig("model.backbone=resnet50\ntrain.lr=1e-4\ntrain.epochs=1\n",
                    ConfigDifferenceTest::flatten, MATTERS, false).isEmpty());
            Function<String, Map<String, String>> neverCalled = text -> {
                throw new AssertionError("identical texts need no parsing");
            };
            assertTrue(checkpoint.compareConfig(checkpoint.config(), neverCalled, MATTERS).isEmpty());
        }
    }

    /** Flattens {@code key=value} lines. */
    private static Map<String, String> flatten(String text) {
        Map<String, String> flat = new LinkedHashMap<>();
        text.lines().map(line -> line.split("=", 2)).forEach(pair -> flat.put(pair[0], pair[1]));
        return flat;
    }
}
