package org.stml.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.RgbImage;
import org.stml.model.data.SyntheticDataset;
import org.stml.model.data.SyntheticShapes;
import org.stml.model.data.image.Normalization;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.SquashTransform;
import org.stml.model.data.image.TrainTransform;
import org.stml.model.data.image.ViewTransform;
import org.stml.model.data.sampler.NeighbourTableBuilder;
import org.stml.model.nn.BackboneOptions;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.nn.Stem;
import org.stml.model.similarity.ContextualSimilarity;

class SequentialTrainingTest {

    private static final int SIZE = 16;
    private static final ImageDataset DATASET = SyntheticDataset.split(new SyntheticShapes(SIZE, 9), 6, 0, 10).train();

    @Test
    void rebuildsAtEveryEpochStartAndAtTheStepCadence() {
        List<EpochSummary> epochs = new ArrayList<>();
        run(2, 2, epochs::add, new ArrayList<>());
        assertEquals(5, epochs.get(0).steps(), "60 images / B = 12");
        assertEquals(3, epochs.get(0).rebuilds(), "steps 0, 2 and 4");
        assertEquals(3, epochs.get(1).rebuilds());
        assertEquals(60, epochs.get(0).images());
    }

    @Test
    void theSameSeedGivesTheSameRunWhateverTheLoaderThreads() {
        List<Float> first = new ArrayList<>();
        List<Float> second = new ArrayList<>();
        run(2, Integer.MAX_VALUE, summary -> { }, first);
        run(1, Integer.MAX_VALUE, summary -> { }, second);
        assertEquals(first, second, "loss sequences of two runs with one seed");
        assertEquals(10, first.size());
    }

    @Test
    void trainsOnOneOrThreeViewsOfEveryImage() {
        for (int views : new int[] {1, 3}) {
            AtomicLong transformed = new AtomicLong();
            List<EpochSummary> epochs = new ArrayList<>();
            List<Float> losses = new ArrayList<>();
            run(2, Integer.MAX_VALUE, views, counting(TrainTransform.builder().optSize(SIZE).build(), transformed),
                    epochs::add, losses);
            assertEquals(2L * 5 * 12 * views, transformed.get(), views + " views of the 12 images of 5 steps, twice");
            assertEquals(10, losses.size());
            assertTrue(losses.stream().allMatch(Float::isFinite), "every step trains with V = " + views + ": "
                    + losses);
            assertEquals(0, epochs.get(0).skippedSteps() + epochs.get(1).skippedSteps());
        }
    }

    @Test
    void refusesANonPositiveCadenceOrViewCount() {
        assertThrows(IllegalArgumentException.class, () -> SequentialTraining.builder().optRebuildEvery(0).build());
        assertThrows(IllegalArgumentException.class, () -> SequentialTraining.builder().optViews(0).build());
    }

    private static void run(int loaderThreads, int rebuildEvery, Consumer<EpochSummary> epochs,
            List<Float> losses) {
        run(loaderThreads, rebuildEvery, 2, TrainTransform.builder().optSize(SIZE).build(), epochs, losses);
    }

    private static void run(int loaderThreads, int rebuildEvery, int views, ViewTransform transform,
            Consumer<EpochSummary> epochs, List<Float> losses) {
        try (NDManager manager = NDManager.newBaseManager();
                ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(loaderThreads).build()) {
            StmlNetworks networks = StmlNetworks.builder().setBackbone("convnet")
                    .optBackboneOptions(BackboneOptions.builder().optStem(Stem.CIFAR).optWidth(8).build())
                    .optImageSize(SIZE, SIZE).optSeed(4).build(manager);
            try (StmlTrainer trainer = StmlTrainer.builder().setNetworks(networks)
                    .optSimilarity(ContextualSimilarity.builder().optNumNeighbors(2).optViews(views).build())
                    .build(manager)) {
                SequentialTraining training = SequentialTraining.builder()
                        .setTrainer(trainer)
                        .setDataset(DATASET)
                        .setLoader(loader)
                        .setTransform(transform)
                        .setRebuilder(NeighbourTableBuilder.builder().setLoader(loader)
                                .setTransform(new SquashTransform(SIZE, Normalization.IMAGENET))
                                .optNeighbours(2).build())
                        .optBatchSize(12)
                        .optViews(views)
                        .optRebuildEvery(rebuildEvery)
                        .optSeed(8)
                        .build();
                for (int epoch = 0; epoch < 2; epoch++) {
                    epochs.accept(training.runEpoch(epoch, manager, step -> losses.add(step.total())));
                }
            }
        }
    }

    /** The transform, counting its applications: one per view of an image. */
    private static ViewTransform counting(ViewTransform transform, AtomicLong applications) {
        return new ViewTransform() {
            @Override
            public int size() {
                return transform.size();
            }

            @Override
            public Normalization normalization() {
                return transform.normalization();
            }

            @Override
            public void apply(RgbImage image, Random random, byte[] destination, int offset) {
                applications.incrementAndGet();
                transform.apply(image, random, destination, offset);
            }
        };
    }
}
