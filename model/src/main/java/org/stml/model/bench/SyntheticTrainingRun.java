package org.stml.model.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Locale;
import java.util.Map;
import org.stml.model.data.SyntheticBatches;
import org.stml.model.data.SyntheticShapes;
import org.stml.model.ema.MomentumSchedule;
import org.stml.model.eval.EmbeddingEvaluator;
import org.stml.model.eval.EvaluationResult;
import org.stml.model.nn.BackboneOptions;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.nn.Stem;
import org.stml.model.optim.ConstantSchedule;
import org.stml.model.similarity.ContextualSimilarity;
import org.stml.model.train.StepResult;
import org.stml.model.train.StmlTrainer;

/**
 * Trains STML on the built-in synthetic shapes with the sequential loop and reports retrieval quality on held-out
 * classes before, during and after training. This is what {@code ./stml train} runs until the actor pipeline lands.
 *
 * <p>Options ({@code --key value}): {@code steps}, {@code images} (per batch, two views each), {@code size},
 * {@code train-classes}, {@code test-classes}, {@code instances}, {@code width} (of the small ConvNet),
 * {@code lr}, {@code emb-lr}, {@code momentum}, {@code nn}, {@code margin}, {@code eval-every}, {@code seed}.
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
                Map.entry("steps", "300"), Map.entry("images", "48"), Map.entry("size", "32"),
                Map.entry("train-classes", "40"), Map.entry("test-classes", "40"), Map.entry("instances", "30"),
                Map.entry("width", "32"), Map.entry("lr", "1e-3"), Map.entry("emb-lr", "1e-3"),
                Map.entry("momentum", "0.9"), Map.entry("nn", "2"), Map.entry("margin", "0.9"),
                Map.entry("eval-every", "50"), Map.entry("seed", "0")));
        try (NDManager manager = NDManager.newBaseManager()) {
            run(options, manager);
        }
    }

    private static void run(BenchmarkArguments options, NDManager manager) {
        int size = options.integer("size");
        int seed = options.integer("seed");
        SyntheticShapes shapes = new SyntheticShapes(size, seed);
        int trainClasses = options.integer("train-classes");
        SyntheticBatches train = new SyntheticBatches(shapes, 0, trainClasses, options.integer("instances"), seed);
        SyntheticBatches heldOut = new SyntheticBatches(shapes, trainClasses, options.integer("test-classes"),
                options.integer("instances"), seed + 1L);
        System.out.printf(Locale.ROOT, "synthetic shapes %dx%d: train %d classes x %d = %d images (labels unused); "
                        + "held out %d classes x %d = %d images%n", size, size, trainClasses,
                options.integer("instances"), train.datasetSize(), options.integer("test-classes"),
                options.integer("instances"), heldOut.datasetSize());
        StmlNetworks networks = StmlNetworks.builder()
                .setBackbone("convnet")
                .optBackboneOptions(BackboneOptions.builder().optStem(Stem.CIFAR).optWidth(options.integer("width"))
                        .build())
                .optImageSize(size, size)
                .optSeed(seed)
                .build(manager);
        try (StmlTrainer trainer = trainer(options, networks, manager);
                NDManager evaluation = manager.newSubManager()) {
            SyntheticBatches.Labelled test = heldOut.all(evaluation);
            EvaluationResult before = evaluate(trainer, test);
            report("before training", before);
            EvaluationResult after = train(options, trainer, train, test, manager);
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

    private static EvaluationResult train(BenchmarkArguments options, StmlTrainer trainer, SyntheticBatches train,
            SyntheticBatches.Labelled test, NDManager manager) {
        int steps = options.integer("steps");
        int evalEvery = options.integer("eval-every");
        EvaluationResult last = null;
        long trainingNanos = 0;
        for (int step = 1; step <= steps; step++) {
            StepResult result;
            long start = System.nanoTime();
            try (NDManager batchManager = manager.newSubManager()) {
                SyntheticBatches.Batch batch = train.next(batchManager, options.integer("images"));
                result = trainer.step(batch.images(), batch.datasetIndex());
            }
            trainingNanos += System.nanoTime() - start;
            if (step % evalEvery == 0 || step == steps) {
                last = evaluate(trainer, test);
                double seconds = trainingNanos / 1e9;
                System.out.printf(Locale.ROOT, "step %4d/%d  loss %.4f (rc_f %.4f rc_g %.4f kl %.5f)  "
                                + "%.1f images/s (training)  R@1 %.4f%n", step, steps, result.total(), result.contrastiveLow(),
                        result.contrastiveHigh(), result.distillation(),
                        step * options.integer("images") / seconds, last.recallAt(1));
            }
        }
        return last;
    }

    private static EvaluationResult evaluate(StmlTrainer trainer, SyntheticBatches.Labelled test) {
        try (NDArray embeddings = trainer.embed(test.images(), EmbeddingNetwork.Head.LOW, EMBED_CHUNK)) {
            return EmbeddingEvaluator.builder().optRecallKs(1, 2, 4, 8).optComputeNmi(true).build()
                    .evaluate(embeddings, test.labels());
        }
    }

    private static void report(String when, EvaluationResult result) {
        StringBuilder line = new StringBuilder(when).append(':');
        result.metrics().forEach((name, value) -> line.append(String.format(Locale.ROOT, "  %s %.4f", name, value)));
        System.out.println(line);
    }
}
