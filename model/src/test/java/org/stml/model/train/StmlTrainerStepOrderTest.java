package org.stml.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.SyntheticDataset;
import org.stml.model.data.SyntheticShapes;
import org.stml.model.data.image.HostBatch;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.TrainTransform;
import org.stml.model.ema.MomentumSchedule;
import org.stml.model.nn.BackboneOptions;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.nn.Stem;
import org.stml.model.similarity.ContextualSimilarity;

/**
 * Pins the paper's step order (docs/ALGORITHM.md §5.1): the EMA folds in the student's weights as they were BEFORE the
 * optimizer step and its BN running statistics as they are AFTER the step's forward pass.
 */
class StmlTrainerStepOrderTest {

    private static final float MOMENTUM = 0.9f;

    @Test
    void emaReadsPreStepWeightsAndPostForwardStatistics() {
        try (NDManager manager = NDManager.newBaseManager()) {
            StmlNetworks networks = StmlNetworks.builder()
                    .setBackbone("convnet")
                    .optBackboneOptions(BackboneOptions.builder().optStem(Stem.CIFAR).optWidth(8).build())
                    .optImageSize(16, 16)
                    .build(manager);
            ImageDataset images = SyntheticDataset.split(new SyntheticShapes(16, 3), 4, 0, 8).train();
            HostBatch loaded;
            try (ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(1).build()) {
                loaded = loader.load(images, new int[] {0, 9, 18, 27, 5, 14, 23, 31},
                        TrainTransform.builder().optSize(16).build(), 2, 3);
            }
            Map<String, float[]> teacherBefore = snapshot(networks.teacher());
            Map<String, float[]> studentBefore = snapshot(networks.student());
            try (StmlTrainer trainer = StmlTrainer.builder()
                    .setNetworks(networks)
                    .optSimilarity(ContextualSimilarity.builder().optNumNeighbors(2).build())
                    .optMomentum(MomentumSchedule.constant(MOMENTUM))
                    .build(manager)) {
                StepResult result = trainer.step(loaded.toNetworkInput(manager),
                        manager.create(loaded.datasetIndices()));
                assertTrue(result.applied());
                assertEquals(MOMENTUM, result.momentum(), 1e-7);
            }
            Map<String, float[]> teacherAfter = snapshot(networks.teacher());
            Map<String, float[]> studentAfter = snapshot(networks.student());
            int statistics = 0;
            for (Pair<String, Parameter> entry : networks.teacher().getParameters()) {
                String name = entry.getKey();
                boolean runningStatistic = entry.getValue().getType() == Parameter.Type.RUNNING_MEAN
                        || entry.getValue().getType() == Parameter.Type.RUNNING_VAR;
                // weights: the pre-step student; BN statistics: the post-forward student (the step leaves them)
                float[] student = runningStatistic ? studentAfter.get(name) : studentBefore.get(name);
                assertArrayEquals(ema(teacherBefore.get(name), student), teacherAfter.get(name), name);
                statistics += runningStatistic ? 1 : 0;
                if (!runningStatistic) {
                    assertFalse(Arrays.equals(studentBefore.get(name), studentAfter.get(name)),
                            "the optimizer must have moved " + name);
                }
            }
            assertTrue(statistics > 0, "the EMA must cover BN running statistics");
            assertNotEquals(0, networks.student().getParameters().size());
        }
    }

    private static float[] ema(float[] teacher, float[] student) {
        float[] expected = new float[teacher.length];
        for (int i = 0; i < teacher.length; i++) {
            expected[i] = (teacher[i] - student[i]) * MOMENTUM + student[i];
        }
        return expected;
    }

    private static void assertArrayEquals(float[] expected, float[] actual, String name) {
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertEquals(0f, worst, 0f, "teacher entry " + name + " after the EMA (max |diff|)");
    }

    private static Map<String, float[]> snapshot(EmbeddingNetwork network) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : network.getParameters()) {
            values.put(entry.getKey(), entry.getValue().getArray().toFloatArray());
        }
        return values;
    }
}
