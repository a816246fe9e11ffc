package org.stml.actors.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stml.actors.node.StmlNode;
import org.stml.actors.pipeline.PipelineSetup;
import org.stml.actors.pipeline.RunResult;
import org.stml.actors.pipeline.TrainingPipeline;
import org.stml.model.bench.BenchmarkArguments;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.SyntheticDataset;
import org.stml.model.data.SyntheticShapes;
import org.stml.model.data.image.Normalization;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.SquashTransform;
import org.stml.model.data.image.TrainTransform;
import org.stml.model.data.sampler.NeighbourTableBuilder;
import org.stml.model.ema.MomentumSchedule;
import org.stml.model.nn.BackboneOptions;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.nn.Stem;
import org.stml.model.similarity.ContextualSimilarity;
import org.stml.model.train.EpochSummary;
import org.stml.model.train.StmlTrainer;

/**
 * What verifying every message through the wire serializer costs the lag-0 pipeline: trains the same epoch with
 * {@code pekko.actor.serialize-messages} off and on, alternating, and prints the median training time per step of
 * each (the neighbour rebuild excluded) and their ratio.
 *
 * <p>Usage: {@code ./stml bench serialization [--backbone resnet18] [--stem imagenet] [--batch 120] [--size 32]
 * [--steps 12] [--repeats 3] [--shared true]}; {@code --shared false} also sends every weight as a message (the
 * message path). Set the libtorch thread count with {@code STML_THREADS}.
 */
public final class SerializationOverheadBenchmark {

    private static final ContextualSimilarity SIMILARITY = ContextualSimilarity.builder().optNumNeighbors(2).build();
    private static final MomentumSchedule MOMENTUM = MomentumSchedule.constant(0.9);

    private SerializationOverheadBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the command line, see the class comment
     */
    public static void main(String[] args) {
        BenchmarkArguments arguments = BenchmarkArguments.parse(args, Map.of("backbone", "resnet18",
                "stem", "imagenet", "batch", "120", "size", "32", "steps", "12", "repeats", "3", "shared", "true"));
        int batch = arguments.integer("batch");
        int size = arguments.integer("size");
        int instances = 10;
        DatasetSplit split = SyntheticDataset.split(new SyntheticShapes(size, 3),
                Math.max(2, arguments.integer("steps") * batch / instances), 0, instances);
        List<Double> off = new ArrayList<>();
        List<Double> on = new ArrayList<>();
        for (int repeat = 0; repeat < arguments.integer("repeats"); repeat++) {
            off.add(secondsPerStep(arguments, split, false));
            on.add(secondsPerStep(arguments, split, true));
        }
        System.out.printf(Locale.ROOT, "pipeline at lag 0: %s (%s stem), batch %d x 2 views of %d px, %d steps per "
                        + "epoch, shared memory %s, %s libtorch threads, %s%n", arguments.text("backbone"),
                arguments.text("stem"), batch, size, split.train().size() / batch, arguments.text("shared"),
                System.getProperty("ai.djl.pytorch.num_threads", "default"),
                Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        double medianOff = median(off);
        double medianOn = median(on);
        System.out.printf(Locale.ROOT, "serialize-messages off: median %.1f ms per step %s%n", 1000 * medianOff, off);
        System.out.printf(Locale.ROOT, "serialize-messages on:  median %.1f ms per step %s%n", 1000 * medianOn, on);
        System.out.printf(Locale.ROOT, "on / off = %.3f (%+.1f %% of the step)%n", medianOn / medianOff,
                100 * (medianOn / medianOff - 1));
    }

    private static double secondsPerStep(BenchmarkArguments arguments, DatasetSplit split, boolean serialize) {
        Config config = ConfigFactory.parseString("pekko.actor.serialize-messages = " + (serialize ? "on" : "off"))
                .withFallback(StmlNode.singleNodeConfig());
        int size = arguments.integer("size");
        try (StmlNode node = StmlNode.start(config);
                NDManager manager = NDManager.newBaseManager();
                ParallelImageLoader loader = ParallelImageLoader.builder().build()) {
            StmlNetworks networks = StmlNetworks.builder().setBackbone(arguments.text("backbone"))
                    .optBackboneOptions(BackboneOptions.builder()
                            .optStem(Stem.valueOf(arguments.text("stem").toUpperCase(Locale.ROOT))).build())
                    .optImageSize(size, size).build(manager);
            try (StmlTrainer trainer = StmlTrainer.builder().setNetworks(networks).optSimilarity(SIMILARITY)
                    .optMomentum(MOMENTUM).build(manager)) {
                NeighbourTableBuilder rebuilder = NeighbourTableBuilder.builder().setLoader(loader)
                        .setTransform(new SquashTransform(size, Normalization.IMAGENET)).optNeighbours(2).build();
                PipelineSetup setup = PipelineSetup.builder().setTraining(networks, trainer)
                        .setTeacher(SIMILARITY, MOMENTUM)
                        .setData(split.train(), loader, TrainTransform.builder().optSize(size).build(), rebuilder)
                        .setBatches(arguments.integer("batch"), 0)
                        .optSharedMemory(Boolean.parseBoolean(arguments.text("shared"))).build();
                RunResult result = TrainingPipeline.run(node, setup, 1, manager, Duration.ofHours(1));
                EpochSummary epoch = result.epochs().get(0);
                return epoch.trainingSeconds() / epoch.steps();
            }
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
