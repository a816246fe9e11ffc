package org.stml.model.checkpoint;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stml.model.data.DatasetFingerprint;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.SyntheticDataset;
import org.stml.model.data.SyntheticShapes;
import org.stml.model.data.image.Normalization;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.SquashTransform;
import org.stml.model.data.image.TrainTransform;
import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.data.sampler.NeighbourTableBuilder;
import org.stml.model.nn.BackboneOptions;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.nn.Stem;
import org.stml.model.optim.AdamPState;
import org.stml.model.similarity.ContextualSimilarity;
import org.stml.model.train.SequentialTraining;
import org.stml.model.train.StmlTrainer;
import org.stml.model.train.TrainerState;

/** A tiny STML training setup (convnet of width 8, 60 synthetic 16 × 16 images, B = 12, nn = 2) for checkpoints. */
final class TinyRun implements AutoCloseable {

    static final int SIZE = 16;
    static final long SEED = 8;
    /** What every checkpoint of the tiny run records as its provenance. */
    static final Provenance PROVENANCE = Provenance.builder()
            .optStarted(Instant.parse("2025-01-31T12:00:00Z"))
            .optVersions(Map.of("djl", "0.36.0", "host", "tiny"))
            .optDataset(DatasetFingerprint.ofGenerator("synthetic size=16 seed=9", 60))
            .optConfig(Map.of("stml.run.seed", "8", "stml.model.width", "4"))
            .build();
    private static final ImageDataset DATASET = SyntheticDataset.split(new SyntheticShapes(SIZE, 9), 6, 0, 10).train();

    final NDManager manager;
    final ParallelImageLoader loader;
    final StmlTrainer trainer;
    final SequentialTraining training;
    final List<Float> losses = new ArrayList<>();

    /** Builds networks initialised with {@code initSeed}, a trainer and the loop. */
    TinyRun(int initSeed) {
        manager = NDManager.newBaseManager();
        loader = ParallelImageLoader.builder().optThreads(1).build();
        StmlNetworks networks = StmlNetworks.builder().setBackbone("convnet")
                .optBackboneOptions(BackboneOptions.builder().optStem(Stem.CIFAR).optWidth(8).build())
                .optImageSize(SIZE, SIZE).optSeed(initSeed).build(manager);
        trainer = StmlTrainer.builder().setNetworks(networks)
                .optSimilarity(ContextualSimilarity.builder().optNumNeighbors(2).build()).build(manager);
        training = SequentialTraining.builder()
                .setTrainer(trainer)
                .setDataset(DATASET)
                .setLoader(loader)
                .setTransform(TrainTransform.builder().optSize(SIZE).build())
                .setRebuilder(NeighbourTableBuilder.builder().setLoader(loader)
                        .setTransform(new SquashTransform(SIZE, Normalization.IMAGENET))
                        .optNeighbours(2).build())
                .optBatchSize(12)
                .optSeed(SEED)
                .build();
    }

    /** Runs whole epochs {@code [from, until)}. */
    void epochs(int from, int until) {
        for (int epoch = from; epoch < until; epoch++) {
            training.runEpoch(epoch, manager, step -> losses.add(step.total()));
        }
    }

    /**
     * Saves these networks as if the trainer had run {@code step} steps (its counters are set, its optimizer has no
     * moments), at epoch 3 step 1, with a three-image neighbour table.
     */
    Path saveAs(CheckpointStore store, long step, double recall, String config) throws IOException {
        trainer.restoreState(new TrainerState(step, 0, 3, new AdamPState(0, Map.of())));
        return store.save(Snapshot.builder().setTrainer(trainer).setPosition(3, 1).optSeed(SEED)
                .setNeighbourTable(NeighbourTable.of(2, new int[] {0, 1, 1, 0, 2, 1})).setConfig(config)
                .optProvenance(PROVENANCE).optMetric("recall_at_1", recall).build());
    }

    /** Copies every parameter and BN statistic of a block to the host, by name. */
    static Map<String, float[]> values(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            values.put(entry.getKey(), entry.getValue().getArray().toFloatArray());
        }
        return values;
    }

    @Override
    public void close() {
        trainer.close();
        loader.close();
        manager.close();
    }
}
