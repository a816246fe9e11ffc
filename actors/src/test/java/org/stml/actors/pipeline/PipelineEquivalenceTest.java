package org.stml.actors.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.SyntheticDataset;
import org.stml.model.data.SyntheticShapes;
import org.stml.model.data.image.Normalization;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.SquashTransform;
import org.stml.model.data.image.TrainTransform;
import org.stml.model.data.sampler.NeighbourTableBuilder;
import org.stml.model.ema.MomentumSchedule;
import org.stml.model.nn.BackboneOptions;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.nn.Stem;
import org.stml.model.similarity.ContextualSimilarity;
import org.stml.model.train.EpochSummary;
import org.stml.model.train.SequentialTraining;
import org.stml.model.train.StmlTrainer;

/**
 * The actor pipeline with {@code max-teacher-lag = 0} must train exactly as the sequential reference loop: same seed,
 * same batches, same views, same order of operations — so the same parameters afterwards.
 */
class PipelineEquivalenceTest {

    private static final int SIZE = 16;
    private static final int EPOCHS = 2;
    private static final int BATCH = 12;
    private static final long SEED = 8;
    private static final ImageDataset DATASET = SyntheticDataset.split(new SyntheticShapes(SIZE, 9), 6, 0, 10).train();
    private static final ContextualSimilarity SIMILARITY = ContextualSimilarity.builder().optNumNeighbors(2).build();
    private static final MomentumSchedule MOMENTUM = MomentumSchedule.constant(0.9);

    @Test
    void pipelineWithLagZeroEqualsTheSequentialLoop() {
        Trained sequential = trainSequentially();
        Trained pipelined = trainWithActors();

        assertEquals(0, pipelined.result().maxLag(), "with lag 0 every batch is labelled by the exact teacher");
        List<EpochSummary> reference = sequential.result().epochs();
        List<EpochSummary> actors = pipelined.result().epochs();
        assertEquals(reference.size(), actors.size());
        for (int e = 0; e < EPOCHS; e++) {
            assertEquals(reference.get(e).steps(), actors.get(e).steps(), "steps of epoch " + e);
            assertEquals(reference.get(e).meanLoss(), actors.get(e).meanLoss(), 1e-6, "mean loss of epoch " + e);
        }
        assertEquals(sequential.parameters().keySet(), pipelined.parameters().keySet());
        float worst = 0;
        for (String name : sequential.parameters().keySet()) {
            float[] a = sequential.parameters().get(name);
            float[] b = pipelined.parameters().get(name);
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
        }
        assertEquals(0f, worst, 0f, "largest parameter difference between the two runs");
    }

    @Test
    void aFailingActorFailsTheRunAtOnceNamingIt() {
        try (NDManager manager = NDManager.newBaseManager();
                ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(1).build()) {
            StmlNetworks networks = networks(manager);
            try (StmlTrainer trainer = trainer(networks, manager)) {
                // a batch of 13 cannot be split into queries of nn = 2 neighbours: the sampler refuses it
                TrainingPipeline.Setup setup = setup(networks, trainer, loader, 13, 0);
                long start = System.nanoTime();
                IllegalStateException failure = assertThrows(IllegalStateException.class,
                        () -> TrainingPipeline.run(setup, 1, manager, Duration.ofMinutes(2)));
                assertTrue(failure.getMessage().contains("actor stopped after a failure"), failure.getMessage());
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "failed fast, not by timeout");
            }
        }
    }

    @Test
    void refusesALagItCannotHonourSafely() {
        try (NDManager manager = NDManager.newBaseManager();
                ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(1).build()) {
            StmlNetworks networks = networks(manager);
            try (StmlTrainer trainer = trainer(networks, manager)) {
                TrainingPipeline.Setup setup = setup(networks, trainer, loader, BATCH, 2);
                IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                        () -> TrainingPipeline.run(setup, 1, manager, Duration.ofMinutes(1)));
                assertTrue(refused.getMessage().contains("max-teacher-lag"), refused.getMessage());
            }
        }
    }

    private static Trained trainSequentially() {
        try (NDManager manager = NDManager.newBaseManager();
                ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(2).build()) {
            StmlNetworks networks = networks(manager);
            try (StmlTrainer trainer = trainer(networks, manager)) {
                SequentialTraining training = SequentialTraining.builder()
                        .setTrainer(trainer).setDataset(DATASET).setLoader(loader)
                        .setTransform(transform()).setRebuilder(rebuilder(loader))
                        .optBatchSize(BATCH).optSeed(SEED).build();
                List<EpochSummary> epochs = new ArrayList<>();
                for (int epoch = 0; epoch < EPOCHS; epoch++) {
                    epochs.add(training.runEpoch(epoch, manager, step -> { }));
                }
                return new Trained(new RunResult(epochs, 0), snapshot(networks));
            }
        }
    }

    private static Trained trainWithActors() {
        try (NDManager manager = NDManager.newBaseManager();
                ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(2).build()) {
            StmlNetworks networks = networks(manager);
            try (StmlTrainer trainer = trainer(networks, manager)) {
                TrainingPipeline.Setup setup = setup(networks, trainer, loader, BATCH, 0);
                RunResult result = TrainingPipeline.run(setup, EPOCHS, manager, Duration.ofMinutes(2));
                return new Trained(result, snapshot(networks));
            }
        }
    }

    private static TrainingPipeline.Setup setup(StmlNetworks networks, StmlTrainer trainer,
            ParallelImageLoader loader, int batch, long lag) {
        return new TrainingPipeline.Setup(networks, trainer, SIMILARITY, MOMENTUM, DATASET, loader, transform(),
                rebuilder(loader), batch, SEED, lag, (summary, table) -> { });
    }

    private static StmlNetworks networks(NDManager manager) {
        return StmlNetworks.builder().setBackbone("convnet")
                .optBackboneOptions(BackboneOptions.builder().optStem(Stem.CIFAR).optWidth(8).build())
                .optImageSize(SIZE, SIZE).optSeed(4).build(manager);
    }

    private static StmlTrainer trainer(StmlNetworks networks, NDManager manager) {
        return StmlTrainer.builder().setNetworks(networks).optSimilarity(SIMILARITY).optMomentum(MOMENTUM)
                .build(manager);
    }

    private static TrainTransform transform() {
        return TrainTransform.builder().optSize(SIZE).build();
    }

    private static NeighbourTableBuilder rebuilder(ParallelImageLoader loader) {
        return NeighbourTableBuilder.builder().setLoader(loader)
                .setTransform(new SquashTransform(SIZE, Normalization.IMAGENET)).optNeighbours(2).build();
    }

    private static Map<String, float[]> snapshot(StmlNetworks networks) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (EmbeddingNetwork network : List.of(networks.student(), networks.teacher())) {
            String prefix = network == networks.student() ? "student/" : "teacher/";
            for (Pair<String, Parameter> entry : network.getParameters()) {
                values.put(prefix + entry.getKey(), entry.getValue().getArray().toFloatArray());
            }
        }
        return values;
    }

    private record Trained(RunResult result, Map<String, float[]> parameters) {}
}
