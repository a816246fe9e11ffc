package org.stml.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stml.model.data.sampler.NeighbourTable;
import org.junit.jupiter.api.io.TempDir;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.optim.AdamPState;
import org.stml.model.train.TrainerState;

/**
 * A run stopped in the middle of epoch 1, checkpointed, and restored into networks initialised from another seed
 * ends exactly (bit for bit on CPU) where an uninterrupted run of two epochs ends.
 */
class ExactResumeTest {

    private static final int STOP_AT = 2;

    private static Map<String, float[]> student;
    private static Map<String, float[]> teacher;
    private static TrainerState state;
    private static List<Float> losses;

    @BeforeAll
    static void uninterrupted() {
        try (TinyRun run = new TinyRun(4)) {
            run.epochs(0, 2);
            student = TinyRun.values(run.trainer.student());
            teacher = TinyRun.values(run.trainer.teacher());
            state = run.trainer.exportState();
            losses = List.copyOf(run.losses);
        }
    }

    @Test
    void resumingMidEpochEndsExactlyLikeTheUninterruptedRun(@TempDir Path root) throws IOException {
        CheckpointStore store = CheckpointStore.builder().setDirectory(root).build();
        try (TinyRun first = new TinyRun(4)) {
            first.epochs(0, 1);
            first.training.runEpoch(1, 0, STOP_AT, null, first.manager, step -> first.losses.add(step.total()));
            store.save(Snapshot.builder().setTrainer(first.trainer).setPosition(1, STOP_AT).optSeed(TinyRun.SEED)
                    .setNeighbourTable(first.training.neighbourTable()).setConfig("stml { seed = 8 }").build());
        }
        try (TinyRun resumed = new TinyRun(77)) {
            assertNotEquals(student.get(student.keySet().iterator().next())[0],
                    TinyRun.values(resumed.trainer.student()).get(student.keySet().iterator().next())[0],
                    "the resumed run starts from other weights");
            // use both networks before restoring, as an evaluation would: no cached parameter handle may survive
            NDArray probe = resumed.manager.randomNormal(new Shape(8, 3, TinyRun.SIZE, TinyRun.SIZE));
            resumed.trainer.embed(probe, EmbeddingNetwork.Head.LOW, 8).close();
            resumed.trainer.label(probe, resumed.manager.arange(0, 8, 1, DataType.INT64)).close();
            ResumePoint point = store.latest().orElseThrow().restore(resumed.trainer);
            assertEquals(1, point.epoch());
            assertEquals(STOP_AT, point.stepInEpoch());
            resumed.training.runEpoch(point.epoch(), point.stepInEpoch(), Integer.MAX_VALUE, point.table(),
                    resumed.manager, step -> resumed.losses.add(step.total()));

            assertEquals(losses.subList(losses.size() - resumed.losses.size(), losses.size()), resumed.losses);
            assertSameValues(student, TinyRun.values(resumed.trainer.student()));
            assertSameValues(teacher, TinyRun.values(resumed.trainer.teacher()));
            assertSameOptimizer(state, resumed.trainer.exportState());
        }
    }

    @Test
    void rollingBackATrainerThatWentOnPastTheCheckpointEndsExactlyLikeTheUninterruptedRun(@TempDir Path root)
            throws IOException {
        CheckpointStore store = CheckpointStore.builder().setDirectory(root).build();
        try (TinyRun run = new TinyRun(4)) {
            run.epochs(0, 1);
            run.training.runEpoch(1, 0, STOP_AT, null, run.manager, step -> { });
            store.save(Snapshot.builder().setTrainer(run.trainer).setPosition(1, STOP_AT).optSeed(TinyRun.SEED)
                    .setNeighbourTable(run.training.neighbourTable()).setConfig("stml { seed = 8 }").build());
            NeighbourTable table = run.training.neighbourTable();
            // the run goes on past the checkpoint (its optimizer and counters advance), then rolls back
            run.training.runEpoch(1, STOP_AT, Integer.MAX_VALUE, table, run.manager, step -> { });
            ResumePoint point = store.latest().orElseThrow().restore(run.trainer);
            run.training.runEpoch(point.epoch(), point.stepInEpoch(), Integer.MAX_VALUE, point.table(), run.manager,
                    step -> { });

            assertSameValues(student, TinyRun.values(run.trainer.student()));
            assertSameValues(teacher, TinyRun.values(run.trainer.teacher()));
            assertSameOptimizer(state, run.trainer.exportState());
        }
    }

    private static void assertSameValues(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, values) -> assertArrayEquals(values, actual.get(name), 0f, name));
    }

    private static void assertSameOptimizer(TrainerState expected, TrainerState actual) {
        assertEquals(expected.step(), actual.step());
        assertEquals(expected.skippedSteps(), actual.skippedSteps());
        assertEquals(expected.epoch(), actual.epoch());
        AdamPState expectedOptimizer = expected.optimizer();
        AdamPState actualOptimizer = actual.optimizer();
        assertEquals(10, expectedOptimizer.step(), "two epochs of 5 steps");
        assertEquals(expectedOptimizer.step(), actualOptimizer.step());
        assertFalse(expectedOptimizer.moments().isEmpty());
        assertEquals(expectedOptimizer.moments().keySet(), actualOptimizer.moments().keySet());
        expectedOptimizer.moments().forEach((name, moments) -> {
            AdamPState.Moments restored = actualOptimizer.moments().get(name);
            assertArrayEquals(moments.shape(), restored.shape(), name);
            assertArrayEquals(moments.first(), restored.first(), 0f, name + " m");
            assertArrayEquals(moments.second(), restored.second(), 0f, name + " v");
        });
    }
}
