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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stml.actors.node.StmlNode;
import org.stml.actors.node.TestNodes;
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
 * same batches, same views, same order of operations — so the same parameters afterwards; and so must the message
 * path, where weights travel as messages instead of being shared. Every run of the class goes to one node whose
 * messages all pass through the wire serializer.
 */
class PipelineEquivalenceTest {

    private static StmlNode node;

    @BeforeAll
    static void startNode() {
        node = TestNodes.start();
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    private static final int SIZE = 16;
    private static final int EPOCHS = 2;
    private static final int BATCH = 12;
    private static final long SEED = 8;
    private static final ImageDataset DATASET = SyntheticDataset.split(new SyntheticShapes(SIZE, 9), 6, 0, 10).train();
    private static final ContextualSimilarity SIMILARITY = ContextualSimilarity.builder().optNumNeighbors(2).build();
    private static final MomentumSchedule MOMENTUM = MomentumSchedule.constant(0.9);

    @Test
    void pipelineWithLagZeroEqualsTheSequentialLoop() {
        assertSameTraining(trainSequentially(Integer.MAX_VALUE), trainWithActors(0, 1, Integer.MAX_VALUE));
    }

    @Test
    void rebuildingTheTableEveryTwoStepsStillEqualsTheSequentialLoop() {
        Trained pipelined = trainWithActors(0, 1, 2);
        assertSameTraining(trainSequentially(2), pipelined);
        assertEquals(3, pipelined.result().epochs().get(0).rebuilds(), "5 steps: rebuilt at steps 0, 2 and 4");
    }

    @Test
    void twoTeacherInstancesAtLagZeroStillEqualTheSequentialLoop() {
        assertSameTraining(trainSequentially(Integer.MAX_VALUE), trainWithActors(0, 2, Integer.MAX_VALUE));
    }

    @Test
    void weightsSentAsMessagesGiveTheSameParametersAsSharedNetworks() {
        Trained shared = trainWithActors(0, 1, Integer.MAX_VALUE, true);
        Trained messages = trainWithActors(0, 2, Integer.MAX_VALUE, false);
        assertSameTraining(shared, messages);
        assertSameTraining(trainSequentially(Integer.MAX_VALUE), messages);
    }

    @Test
    void aPositiveLagLetsTheTeacherRunAheadWithinTheBound() {
        Trained exact = trainWithActors(0, 1, Integer.MAX_VALUE);
        Trained lagged = trainWithActors(2, 1, Integer.MAX_VALUE);

        TeacherLags lags = lagged.result().lags();
        long steps = lagged.result().epochs().stream().mapToLong(EpochSummary::steps).sum();
        assertEquals(steps, lags.count(0) + lags.count(1) + lags.count(2), "every batch's lag is recorded: " + lags);
        assertEquals(2, lags.max(), "the teacher runs ahead to the bound: " + lags);
        assertTrue(lags.mean() > 1, "most batches use the allowed lag: " + lags);
        assertTrue(lagged.result().epochs().stream().allMatch(epoch -> epoch.skippedSteps() == 0
                && Double.isFinite(epoch.meanLoss())), "lagged training stays finite");
        assertTrue(largestDifference(exact, lagged) > 0, "a stale teacher labels differently");
    }

    private static void assertSameTraining(Trained sequential, Trained pipelined) {
        assertEquals(0, pipelined.result().maxLag(), "with lag 0 every batch is labelled by the exact teacher");
        List<EpochSummary> reference = sequential.result().epochs();
        List<EpochSummary> actors = pipelined.result().epochs();
        assertEquals(reference.size(), actors.size());
        for (int e = 0; e < EPOCHS; e++) {
            assertEquals(reference.get(e).steps(), actors.get(e).steps(), "steps of epoch " + e);
            assertEquals(reference.get(e).meanLoss(), actors.get(e).meanLoss(), 1e-6, "mean loss of epoch " + e);
        }
        assertEquals(0f, largestDifference(sequential, pipelined), 0f,
                "largest parameter difference between the two runs");
    }

    private static float largestDifference(Trained first, Trained second) {
        assertEquals(first.parameters().keySet(), second.parameters().keySet());
        float worst = 0;
        for (String name : first.parameters().keySet()) {
            float[] a = first.parameters().get(name);
            float[] b = second.parameters().get(name);
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
        }
        return worst;
    }

    @Test
    void aFailingActorFailsTheRunAtOnceNamingIt() {
        try (NDManager manager = NDManager.newBaseManager();
                ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(1).build()) {
            StmlNetworks networks = networks(manager);
            try (StmlTrainer trainer = trainer(networks, manager)) {
                // a batch of 13 cannot be split into queries of nn = 2 neighbours: the sampler refuses it
                PipelineSetup setup = setup(networks, trainer, loader, 13).build();
                long start = System.nanoTime();
                IllegalStateException failure = assertThrows(IllegalStateException.class,
                        () -> TrainingPipeline.run(node, setup, 1, manager, Duration.ofMinutes(2)));
                assertTrue(failure.getMessage().contains("actor stopped after a failure"), failure.getMessage());
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "failed fast, not by timeout");
            }
        }
    }

    private static Trained trainSequentially(int rebuildEvery) {
        try (NDManager manager = NDManager.newBaseManager();
                ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(2).build()) {
            StmlNetworks networks = networks(manager);
            try (StmlTrainer trainer = trainer(networks, manager)) {
                SequentialTraining training = SequentialTraining.builder()
                        .setTrainer(trainer).setDataset(DATASET).setLoader(loader)
                        .setTransform(transform()).setRebuilder(rebuilder(loader))
                        .optBatchSize(BATCH).optSeed(SEED).optRebuildEvery(rebuildEvery).build();
                List<EpochSummary> epochs = new ArrayList<>();
                for (int epoch = 0; epoch < EPOCHS; epoch++) {
                    epochs.add(training.runEpoch(epoch, manager, step -> { }));
                }
                return new Trained(new RunResult(epochs, new TeacherLags(), List.of()), snapshot(networks));
            }
        }
    }

    private static Trained trainWithActors(long lag, int teachers, int rebuildEvery) {
        return trainWithActors(lag, teachers, rebuildEvery, true);
    }

    private static Trained trainWithActors(long lag, int teachers, int rebuildEvery, boolean sharedMemory) {
        try (NDManager manager = NDManager.newBaseManager();
                ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(2).build()) {
            StmlNetworks networks = networks(manager);
            try (StmlTrainer trainer = trainer(networks, manager)) {
                PipelineSetup setup = setup(networks, trainer, loader, BATCH).optLag(lag, 2)
                        .optTeacherInstances(teachers).optRebuildEvery(rebuildEvery).optSharedMemory(sharedMemory)
                        .build();
                RunResult result = TrainingPipeline.run(node, setup, EPOCHS, manager, Duration.ofMinutes(2));
                return new Trained(result, snapshot(networks));
            }
        }
    }

    private static PipelineSetup.Builder setup(StmlNetworks networks, StmlTrainer trainer,
            ParallelImageLoader loader, int batch) {
        return PipelineSetup.builder().setTraining(networks, trainer).setTeacher(SIMILARITY, MOMENTUM)
                .setData(DATASET, loader, transform(), rebuilder(loader)).setBatches(batch, SEED);
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
