package org.stml.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.SyntheticDataset;
import org.stml.model.data.SyntheticShapes;
import org.stml.model.data.image.EvalTransform;
import org.stml.model.data.image.HostBatch;
import org.stml.model.data.image.Normalization;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.SquashTransform;
import org.stml.model.data.image.TrainTransform;
import org.stml.model.data.sampler.NeighbourTableBuilder;
import org.stml.model.ema.MomentumSchedule;
import org.stml.model.eval.EmbeddingEvaluator;
import org.stml.model.nn.BackboneOptions;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.nn.Stem;
import org.stml.model.optim.ConstantSchedule;
import org.stml.model.similarity.ContextualSimilarity;

/**
 * A short in-process STML run on the real data path — synthetic shapes, nearest-neighbour batches rebuilt from the
 * student every epoch, RandomResizedCrop + flip views, no labels, no actors — must lower the loss and raise Recall@1
 * on classes it never saw.
 */
class StmlTrainingLoopTest {

    private static final int SIZE = 24;
    private static final int EPOCHS = 4;

    @Test
    void trainingLowersTheLossAndRaisesHeldOutRecall() {
        DatasetSplit split = SyntheticDataset.split(new SyntheticShapes(SIZE, 0), 20, 20, 20);
        try (NDManager manager = NDManager.newBaseManager();
                ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(2).build();
                StmlTrainer trainer = trainer(manager)) {
            SequentialTraining training = SequentialTraining.builder()
                    .setTrainer(trainer)
                    .setDataset(split.train())
                    .setLoader(loader)
                    .setTransform(TrainTransform.builder().optSize(SIZE).build())
                    .setRebuilder(NeighbourTableBuilder.builder().setLoader(loader)
                            .setTransform(new SquashTransform(SIZE, Normalization.IMAGENET)).optNeighbours(2).build())
                    .optBatchSize(32)
                    .build();
            ImageDataset test = split.test().orElseThrow();
            double recallBefore = recallAt1(trainer, test, loader, manager);
            List<EpochSummary> epochs = new ArrayList<>();
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                epochs.add(training.runEpoch(epoch, manager, step -> assertTrue(step.applied(), "finite loss")));
            }
            double recallAfter = recallAt1(trainer, test, loader, manager);

            assertEquals(400 / 32, epochs.get(0).steps(), "an epoch is floor(n / B) steps");
            double first = epochs.get(0).meanLoss();
            double last = epochs.get(EPOCHS - 1).meanLoss();
            assertTrue(last < first - 0.005, "loss must fall: first epoch " + first + ", last epoch " + last);
            assertTrue(recallAfter > recallBefore + 0.05,
                    "held-out Recall@1 must rise: " + recallBefore + " -> " + recallAfter);
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

    private static double recallAt1(StmlTrainer trainer, ImageDataset test, ParallelImageLoader loader,
            NDManager manager) {
        EvalTransform transform = EvalTransform.builder().optResize(SIZE).optCrop(SIZE).build();
        HostBatch batch = loader.load(test, IntStream.range(0, test.size()).toArray(), transform, 1, 0);
        try (NDManager scratch = manager.newSubManager()) {
            NDArray embeddings = trainer.embed(batch.toNetworkInput(scratch),
                    EmbeddingNetwork.Head.LOW, 200);
            return EmbeddingEvaluator.builder().optRecallKs(1).optComputeNmi(false).build()
                    .evaluate(embeddings, test.labels())
                    .recallAt(1);
        }
    }
}
