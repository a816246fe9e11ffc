package org.stml.model.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
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
import org.stml.model.eval.EvaluationResult;
import org.stml.model.nn.BackboneOptions;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.nn.Stem;
import org.stml.model.optim.ConstantSchedule;
import org.stml.model.similarity.ContextualSimilarity;
import org.stml.model.train.EpochSummary;
import org.stml.model.train.SequentialTraining;
import org.stml.model.train.StmlTrainer;

/**
 * Trains STML on the built-in synthetic shapes with the sequential loop — nearest-neighbour batches rebuilt every
 * epoch from the student, two RandomResizedCrop + flip views per image, no labels — and reports retrieval quality on
 * held-out classes before training and after every epoch. This is what {@code ./stml train} runs until the actor
 * pipeline lands.
 *
 * <p>Options ({@code --key value}): {@code epochs}, {@code images} (per batch, a multiple of nn), {@code size},
 * {@code train-classes}, {@code test-classes}, {@code instances}, {@code width} (of the small ConvNet),
 * {@code lr}, {@code emb-lr}, {@code momentum}, {@code nn}, {@code margin}, {@code seed}.
 */
public final class SyntheticTrainingRun {

    private static final int EMBED_CHUNK = 256;

    private SyntheticTrainingRun() {}

    /**
     * Runs the training.
     *
     * @param args the command line, see the class comment
     */
    public static void main(String[] args) {
        BenchmarkArguments options = BenchmarkArguments.parse(args, Map.ofEntries(
                Map.entry("epochs", "12"), Map.entry("images", "48"), Map.entry("size", "32"),
                Map.entry("train-classes", "40"), Map.entry("test-classes", "40"), Map.entry("instances", "30"),
                Map.entry("width", "32"), Map.entry("lr", "1e-3"), Map.entry("emb-lr", "1e-3"),
                Map.entry("momentum", "0.9"), Map.entry("nn", "2"), Map.entry("margin", "0.9"),
                Map.entry("seed", "0")));
        int size = options.integer("size");
        DatasetSplit split = SyntheticDataset.split(new SyntheticShapes(size, options.integer("seed")),
                options.integer("train-classes"), options.integer("test-classes"), options.integer("instances"));
        System.out.println(split.summary() + System.lineSeparator() + "(training never reads the labels)");
        try (NDManager manager = NDManager.newBaseManager();
                ParallelImageLoader loader = ParallelImageLoader.builder().build()) {
            run(options, split, manager, loader);
        }
    }

    private static void run(BenchmarkArguments options, DatasetSplit split, NDManager manager,
            ParallelImageLoader loader) {
        int size = options.integer("size");
        StmlNetworks networks = StmlNetworks.builder()
                .setBackbone("convnet")
                .optBackboneOptions(BackboneOptions.builder().optStem(Stem.CIFAR).optWidth(options.integer("width"))
                        .build())
                .optImageSize(size, size)
                .optSeed(options.integer("seed"))
                .build(manager);
        ImageDataset test = split.test().orElseThrow();
        try (StmlTrainer trainer = trainer(options, networks, manager)) {
            SequentialTraining training = SequentialTraining.builder()
                    .setTrainer(trainer)
                    .setDataset(split.train())
                    .setLoader(loader)
                    .setTransform(TrainTransform.builder().optSize(size).build())
                    .setRebuilder(NeighbourTableBuilder.builder().setLoader(loader)
                            .setTransform(new SquashTransform(size, Normalization.IMAGENET))
                            .optNeighbours(options.integer("nn")).build())
                    .optBatchSize(options.integer("images"))
                    .optSeed(options.integer("seed"))
                    .build();
            EvaluationResult before = evaluate(trainer, test, loader, manager, size);
            report("before training", before);
            EvaluationResult after = before;
            for (int epoch = 0; epoch < options.integer("epochs"); epoch++) {
                EpochSummary summary = training.runEpoch(epoch, manager, result -> { });
                after = evaluate(trainer, test, loader, manager, size);
                System.out.printf(Locale.ROOT, "epoch %2d/%d  %d steps (%d skipped)  loss %.4f  %.0f images/s  "
                                + "rebuild %.1f s  R@1 %.4f%n", epoch + 1, options.integer("epochs"), summary.steps(),
                        summary.skippedSteps(), summary.meanLoss(), summary.imagesPerSecond(),
                        summary.rebuildSeconds(), after.recallAt(1));
            }
            report("after training", after);
            System.out.printf(Locale.ROOT, "Recall@1 on held-out classes: %.4f -> %.4f (%+.4f)%n",
                    before.recallAt(1), after.recallAt(1), after.recallAt(1) - before.recallAt(1));
        }
    }

    private static StmlTrainer trainer(BenchmarkArguments options, StmlNetworks networks, NDManager manager) {
        return StmlTrainer.builder()
                .setNetworks(networks)
                .optSimilarity(ContextualSimilarity.builder().optNumNeighbors(options.integer("nn")).build())
                .optMargin(Float.parseFloat(options.text("margin")))
                .optLearningRates(new ConstantSchedule(Double.parseDouble(options.text("lr"))),
                        new ConstantSchedule(Double.parseDouble(options.text("emb-lr"))))
                .optMomentum(MomentumSchedule.constant(Double.parseDouble(options.text("momentum"))))
                .build(manager);
    }

    private static EvaluationResult evaluate(StmlTrainer trainer, ImageDataset test, ParallelImageLoader loader,
            NDManager manager, int size) {
        EvalTransform transform = EvalTransform.builder().optResize(size).optCrop(size).build();
        HostBatch batch = loader.load(test, IntStream.range(0, test.size()).toArray(), transform, 1, 0);
        try (NDManager scratch = manager.newSubManager()) {
            NDArray images = scratch.create(batch.pixels(), batch.shape());
            NDArray embeddings = trainer.embed(images, EmbeddingNetwork.Head.LOW, EMBED_CHUNK);
            int[] labels = IntStream.of(batch.datasetIndices()).map(i -> test.get(i).label()).toArray();
            return EmbeddingEvaluator.builder().optRecallKs(1, 2, 4, 8).build().evaluate(embeddings, labels);
        }
    }

    private static void report(String when, EvaluationResult result) {
        StringBuilder line = new StringBuilder(when).append(':');
        result.metrics().forEach((name, value) -> line.append(String.format(Locale.ROOT, "  %s %.4f", name, value)));
        System.out.println(line);
    }
}
