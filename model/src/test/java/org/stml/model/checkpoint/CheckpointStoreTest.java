package org.stml.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    private static TinyRun run;

    @BeforeAll
    static void networks() {
        run = new TinyRun(4);
    }

    @AfterAll
    static void close() {
        run.close();
    }

    @Test
    void keepsTheLastTwoAndTheBest(@TempDir Path root) throws IOException {
        CheckpointStore store = CheckpointStore.builder().setDirectory(root).optKeepLast(2).build();
        double[] recall = {0.5, 0.9, 0.7, 0.6};
        for (int i = 0; i < recall.length; i++) {
            Path saved = save(store, i + 1, recall[i]);
            assertEquals(saved, store.latest().orElseThrow().directory(), "latest names the newest checkpoint");
        }
        assertEquals(List.of(root.resolve("step-000002"), root.resolve("step-000003"), root.resolve("step-000004")),
                store.list());
        Checkpoint best = store.best().orElseThrow();
        assertEquals(root.resolve("step-000002"), best.directory());
        assertEquals(0.9, best.manifest().metrics().get("recall_at_1"));
        assertEquals("step-000004", Files.readString(root.resolve(CheckpointStore.LATEST)).strip());
    }

    @Test
    void aLateScoreMovesBestAndIsComparedAsTheCheckpointsMetric(@TempDir Path root) throws IOException {
        CheckpointStore store = CheckpointStore.builder().setDirectory(root).optKeepLast(5).build();
        save(store, 1, 0.5);
        save(store, 2, 0.4);
        assertEquals(root.resolve("step-000001"), store.best().orElseThrow().directory());

        assertTrue(store.score(2, 0.8), "an evaluation arriving after the save scores the checkpoint");
        assertEquals(root.resolve("step-000002"), store.best().orElseThrow().directory());
        assertEquals("recall_at_1 0.8", Files.readString(root.resolve("step-000002/score")).strip());
        assertTrue(store.score(1, 0.9));
        assertEquals(root.resolve("step-000001"), store.best().orElseThrow().directory());
        save(store, 3, 0.85);
        assertEquals(root.resolve("step-000001"), store.best().orElseThrow().directory(),
                "0.85 does not beat the late score 0.9");
        assertFalse(store.score(99, 1.0), "a checkpoint that does not exist (rotated away) is not scored");
        assertEquals(root.resolve("step-000001"), store.best().orElseThrow().directory());
    }

    @Test
    void ignoresAndCleansATemporaryDirectoryLeftByACrash(@TempDir Path root) throws IOException {
        CheckpointStore store = CheckpointStore.builder().setDirectory(root).build();
        save(store, 1, 0.1);
        Path crashed = root.resolve(".tmp-step-000002");
        Files.createDirectories(crashed);
        Files.writeString(crashed.resolve(CheckpointStore.STUDENT), "half a file");

        assertEquals(List.of(root.resolve("step-000001")), store.list());
        assertEquals(root.resolve("step-000001"), store.latest().orElseThrow().directory());
        save(store, 2, 0.2);
        assertFalse(Files.exists(crashed));
        assertEquals(root.resolve("step-000002"), store.latest().orElseThrow().directory());
        try (var entries = Files.list(root)) {
            assertTrue(entries.noneMatch(p -> p.getFileName().toString().startsWith(".tmp-")));
        }
    }

    @Test
    void anEmptyStoreHasNoLatestAndRefusesToOverwriteAStep(@TempDir Path root) throws IOException {
        CheckpointStore store = CheckpointStore.builder().setDirectory(root.resolve("checkpoints")).build();
        assertTrue(store.latest().isEmpty());
        assertTrue(store.best().isEmpty());
        save(store, 3, 0.3);
        CheckpointException e = assertThrows(CheckpointException.class, () -> save(store, 3, 0.4));
        assertTrue(e.getMessage().endsWith("step-000003: exists already"), e.getMessage());
    }

    @Test
    void writesTheManifestOfTheSnapshot(@TempDir Path root) throws IOException {
        CheckpointStore store = CheckpointStore.builder().setDirectory(root).build();
        save(store, 7, 0.25);
        Manifest manifest = store.latest().orElseThrow().manifest();
        assertEquals(Manifest.FORMAT_VERSION, manifest.formatVersion());
        assertEquals(7, manifest.step());
        assertEquals(3, manifest.epoch());
        assertEquals(1, manifest.stepInEpoch());
        assertEquals(TinyRun.SEED, manifest.seed());
        assertEquals(Sha256.ofText("seed = 8\n"), manifest.configSha256());
        assertEquals(TinyRun.PROVENANCE, manifest.provenance());
        assertEquals(Map.of("djl", "0.36.0", "host", "tiny"), manifest.provenance().versions());
        assertEquals("8", manifest.provenance().config().get("stml.run.seed"));
        assertEquals(60, manifest.provenance().dataset().orElseThrow().count());
        assertEquals(5, manifest.files().size());
        assertEquals(manifest, Manifest.parse(manifest.toJson()));
    }

    private static Path save(CheckpointStore store, long step, double recall) throws IOException {
        return run.saveAs(store, step, recall, "seed = 8\n");
    }
}
