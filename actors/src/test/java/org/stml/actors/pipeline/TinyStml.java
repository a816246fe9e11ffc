package org.stml.actors.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.stml.actors.node.TestNodes;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.SyntheticDataset;
import org.stml.model.data.SyntheticShapes;
import org.stml.model.data.image.HostBatch;
import org.stml.model.data.image.Normalization;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.SquashTransform;
import org.stml.model.data.image.TrainTransform;
import org.stml.model.data.sampler.NeighbourBatchSampler;
import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.data.sampler.NeighbourTableBuilder;
import org.stml.model.ema.MomentumSchedule;
import org.stml.model.nn.BackboneOptions;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.nn.Stem;
import org.stml.model.similarity.ContextualSimilarity;
import org.stml.model.tensor.HostWeights;
import org.stml.model.train.PseudoLabeller;
import org.stml.model.train.SequentialTraining;
import org.stml.model.train.StmlTrainer;

/**
 * The tiny real run the per-actor tests share: 60 synthetic 16-pixel images, a width-8 convnet, batches of 12 (six
 * queries of nn = 2), and an actor test kit on the test node configuration (every message checked by its serializer
 * when the configuration asks for it).
 */
final class TinyStml {

    static final int SIZE = 16;
    static final int BATCH = 12;
    static final long SEED = 8;
    static final int NEIGHBOURS = 2;
    static final ImageDataset DATASET = SyntheticDataset.split(new SyntheticShapes(SIZE, 9), 6, 0, 10).train();
    static final ContextualSimilarity SIMILARITY = ContextualSimilarity.builder().optNumNeighbors(NEIGHBOURS).build();
    static final MomentumSchedule MOMENTUM = MomentumSchedule.constant(0.9);

    /** Long enough for a forward pass or a table rebuild on a busy two-core machine. */
    static final Duration WORK = Duration.ofSeconds(30);

    /** How long a message that must not come is waited for. */
    static final Duration QUIET = Duration.ofMillis(300);

    private TinyStml() {}

    /** A test kit whose actor system is named after the test class. */
    static ActorTestKit testKit(Class<?> test) {
        return ActorTestKit.create(test.getSimpleName(), TestNodes.config());
    }

    /** The props of an actor that runs tensors: a thread of its own, as in a run. */
    static Props tensorThread() {
        return DispatcherSelector.fromConfig(RunSupervisor.TENSOR_DISPATCHER);
    }

    static StmlNetworks networks(NDManager manager) {
        return StmlNetworks.builder().setBackbone("convnet")
                .optBackboneOptions(BackboneOptions.builder().optStem(Stem.CIFAR).optWidth(8).build())
                .optImageSize(SIZE, SIZE).optSeed(4).build(manager);
    }

    static StmlTrainer trainer(StmlNetworks networks, NDManager manager) {
        return StmlTrainer.builder().setNetworks(networks).optSimilarity(SIMILARITY).optMomentum(MOMENTUM)
                .build(manager);
    }

    static TrainTransform transform() {
        return TrainTransform.builder().optSize(SIZE).build();
    }

    static NeighbourTableBuilder rebuilder(ParallelImageLoader loader) {
        return NeighbourTableBuilder.builder().setLoader(loader)
                .setTransform(new SquashTransform(SIZE, Normalization.IMAGENET)).optNeighbours(NEIGHBOURS).build();
    }

    /** A table whose row i is (i, i + shift), modulo the dataset size: a valid table that no network produced. */
    static NeighbourTable shiftedTable(int shift) {
        int size = DATASET.size();
        int[] rows = new int[size * NEIGHBOURS];
        for (int i = 0; i < size; i++) {
            rows[i * NEIGHBOURS] = i;
            rows[i * NEIGHBOURS + 1] = (i + shift) % size;
        }
        return NeighbourTable.of(NEIGHBOURS, rows);
    }

    /** The dataset indices of batch (epoch, step) drawn from {@code table} with the run seed. */
    static int[] batchIndices(NeighbourTable table, int epoch, int step) {
        return new NeighbourBatchSampler(table, BATCH, SEED).batch(epoch, step);
    }

    /** The two views of batch (epoch, step), as the loader and the sequential loop load them. */
    static HostBatch loadBatch(ParallelImageLoader loader, NeighbourTable table, int epoch, int step) {
        return loader.load(DATASET, batchIndices(table, epoch, step), transform(), 2,
                SequentialTraining.batchSeed(SEED, epoch, step));
    }

    /** W of a batch under the given teacher, computed in this thread. */
    static float[] pseudoLabels(EmbeddingNetwork teacher, HostBatch batch, NDManager manager) {
        try (NDManager scratch = manager.newSubManager()) {
            PseudoLabeller labeller = new PseudoLabeller(teacher, SIMILARITY, new ParameterStore(scratch, false));
            NDArray views = batch.toNetworkInput(scratch);
            return labeller.label(views, scratch.create(batch.datasetIndices())).toFloatArray();
        }
    }

    /** A new teacher-shaped network holding {@code weights}. */
    static EmbeddingNetwork teacherHolding(StmlNetworks networks, HostWeights weights, NDManager manager) {
        EmbeddingNetwork network = networks.newTeacherReplica(manager);
        weights.copyInto(network);
        return network;
    }

    /** Every parameter of a network, by name, as floats. */
    static Map<String, float[]> values(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            values.put(entry.getKey(), entry.getValue().getArray().toFloatArray());
        }
        return values;
    }

    /** Every tensor of a host copy, by name, as floats. */
    static Map<String, float[]> values(HostWeights weights) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (int i = 0; i < weights.names().length; i++) {
            values.put(weights.names()[i], weights.tensors()[i].toFloats());
        }
        return values;
    }
}
