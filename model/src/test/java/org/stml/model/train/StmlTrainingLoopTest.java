package org.stml.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stml.model.data.SyntheticBatches;
import org.stml.model.data.SyntheticShapes;
import org.stml.model.ema.MomentumSchedule;
import org.stml.model.eval.EmbeddingEvaluator;
import org.stml.model.nn.BackboneOptions;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.nn.Stem;
import org.stml.model.optim.ConstantSchedule;
import org.stml.model.similarity.ContextualSimilarity;

/**
 * A short in-process STML run (small ConvNet, synthetic shapes, no labels, no actors) must lower the loss and raise
 * Recall@1 on classes it never saw.
 */
class StmlTrainingLoopTest {

    private static final int SIZE = 24;
    private static final int STEPS = 40;
    private static final int WINDOW = 10;

    @Test
    void trainingLowersTheLossAndRaisesHeldOutRecall() {
        SyntheticShapes shapes = new SyntheticShapes(SIZE, 0);
        SyntheticBatches train = new SyntheticBatches(shapes, 0, 20, 20, 0);
        SyntheticBatches heldOut = new SyntheticBatches(shapes, 20, 20, 20, 1);
        try (NDManager manager = NDManager.newBaseManager();
                StmlTrainer trainer = trainer(manager)) {
            SyntheticBatches.Labelled test = heldOut.all(manager);
            double recallBefore = recallAt1(trainer, test);
            List<Float> losses = new ArrayList<>();
            for (int step = 0; step < STEPS; step++) {
                try (NDManager batchManager = manager.newSubManager()) {
                    SyntheticBatches.Batch batch = train.next(batchManager, 32);
                    StepResult result = trainer.step(batch.images(), batch.datasetIndex());
                    assertTrue(result.applied(), "step " + step + " had a non-finite loss");
                    losses.add(result.total());
                }
            }
            double recallAfter = recallAt1(trainer, test);

            double early = mean(losses.subList(0, WINDOW));
            double late = mean(losses.subList(STEPS - WINDOW, STEPS));
            assertTrue(late < early - 0.002, "loss must fall: first steps " + early + ", last steps " + late);
            assertTrue(recallAfter > recallBefore + 0.05,
                    "held-out Recall@1 must rise: " + recallBefore + " -> " + recallAfter);
            assertEquals(STEPS, trainer.stepCount());
        }
    }

    private static StmlTrainer trainer(NDManager manager) {
        StmlNetworks networks = StmlNetworks.builder()
                .setBackbone("convnet")
                .optBackboneOptions(BackboneOptions.builder().optStem(Stem.CIFAR).optWidth(16).build())
                .optImageSize(SIZE, SIZE)
                .build(manager);
        return StmlTrainer.builder()
                .setNetworks(networks)
                .optSimilarity(ContextualSimilarity.builder().optNumNeighbors(2).build())
                .optMargin(0.9f)
                .optLearningRates(new ConstantSchedule(1e-3), new ConstantSchedule(1e-3))
                .optMomentum(MomentumSchedule.constant(0.9))
                .build(manager);
    }

    private static double recallAt1(StmlTrainer trainer, SyntheticBatches.Labelled test) {
        try (NDArray embeddings = trainer.embed(test.images(), EmbeddingNetwork.Head.LOW, 200)) {
            return EmbeddingEvaluator.builder().optRecallKs(1).optComputeNmi(false).build()
                    .evaluate(embeddings, test.labels())
                    .recallAt(1);
        }
    }

    private static double mean(List<Float> values) {
        return values.stream().mapToDouble(Float::doubleValue).average().orElseThrow();
    }
}
