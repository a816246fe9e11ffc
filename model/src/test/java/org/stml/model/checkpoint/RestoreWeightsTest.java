package org.stml.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stml.model.nn.BackboneOptions;
import org.stml.model.nn.StmlNetworks;

/** {@link Checkpoint#restoreWeights}: the networks alone, without a trainer or an optimizer. */
class RestoreWeightsTest {

    @Test
    void restoresTheStudentAndTheTeacherIntoFreshNetworks(@TempDir Path root) throws IOException {
        try (TinyRun run = new TinyRun(4); NDManager manager = NDManager.newBaseManager()) {
            run.epochs(0, 1);
            Path saved = run.saveAs(CheckpointStore.builder().setDirectory(root).build(), 5, 0.5, "a = 1\n");
            StmlNetworks fresh = networks(8, manager);
            assertFalse(sameValues(TinyRun.values(run.trainer.student()), TinyRun.values(fresh.student())));

            Checkpoint.open(saved).restoreWeights(fresh);

            assertTrue(sameValues(TinyRun.values(run.trainer.student()), TinyRun.values(fresh.student())));
            assertTrue(sameValues(TinyRun.values(run.trainer.teacher()), TinyRun.values(fresh.teacher())));
        }
    }

    @Test
    void networksOfAnotherArchitectureAreRefusedNamingTheFile(@TempDir Path root) throws IOException {
        try (TinyRun run = new TinyRun(4); NDManager manager = NDManager.newBaseManager()) {
            Path saved = run.saveAs(CheckpointStore.builder().setDirectory(root).build(), 1, 0.5, "a = 1\n");
            Checkpoint checkpoint = Checkpoint.open(saved);
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> checkpoint.restoreWeights(networks(16, manager)));
            assertTrue(e.getMessage().startsWith("checkpoint " + saved + ": " + CheckpointStore.STUDENT + " "),
                    e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    /** Networks like {@link TinyRun}'s, of the given ConvNet width, initialised with another seed. */
    private static StmlNetworks networks(int width, NDManager manager) {
        return StmlNetworks.builder().setBackbone("convnet")
                .optBackboneOptions(BackboneOptions.builder().optWidth(width).build())
                .optImageSize(TinyRun.SIZE, TinyRun.SIZE).optSeed(9).build(manager);
    }

    private static boolean sameValues(Map<String, float[]> expected, Map<String, float[]> actual) {
        if (!expected.keySet().equals(actual.keySet())) {
            return false;
        }
        for (Map.Entry<String, float[]> entry : expected.entrySet()) {
            if (!Arrays.equals(entry.getValue(), actual.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
