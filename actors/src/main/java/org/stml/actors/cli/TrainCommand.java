package org.stml.actors.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.stml.actors.config.StmlSettings;
import org.stml.actors.pipeline.RunResult;
import org.stml.actors.pipeline.TrainingPipeline;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.checkpoint.Checkpoint;
import org.stml.model.checkpoint.CheckpointException;
import org.stml.model.checkpoint.CheckpointStore;
import org.stml.model.checkpoint.Snapshot;
import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.data.sampler.NeighbourTableBuilder;
import org.stml.model.ema.MomentumSchedule;
import org.stml.model.eval.EvaluationResult;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.train.EpochSummary;
import org.stml.model.train.StmlTrainer;

/**
 * {@code stml train}: trains with the actor pipeline on one node and evaluates the student on the held-out split
 * before training and every {@code stml.run.eval-every-epochs} epochs, writing the run directory as it goes.
 */
final class TrainCommand {

    private final StmlSettings settings;
    private final TrainingComponents components;
    private final PrintStream out;

    TrainCommand(StmlSettings settings, PrintStream out) {
        this.settings = settings;
        this.components = new TrainingComponents(settings);
        this.out = out;
    }

    /** Runs the training from scratch; returns the process exit code. */
    int run(Path runDir) throws CheckpointException {
        return run(runDir, null);
    }

    /**
     * Runs the training, from scratch or from a checkpoint taken at the end of an epoch (then in the same run
     * directory, continuing with the next epoch); returns the process exit code.
     */
    int run(Path runDir, Checkpoint resumeFrom) throws CheckpointException {
        DatasetSplit split = components.dataset();
        out.println(split.summary());
        RunDirectory directory = RunDirectory.create(runDir, settings.render(), provenance());
        out.println("run directory: " + directory.root());
        try (NDManager manager = NDManager.newBaseManager();
                ParallelImageLoader loader = ParallelImageLoader.builder()
                        .optThreads(settings.data().effectiveLoaderThreads()).build()) {
            StmlNetworks networks = components.networks(manager);
            long stepsPerEpoch = Math.max(1, split.train().size() / settings.sampler().batchSize());
            MomentumSchedule momentum = components.momentum(stepsPerEpoch * settings.run().epochs());
            try (StmlTrainer trainer = components.trainer(networks, momentum, manager)) {
                Evaluation evaluation = new Evaluation(trainer, split, loader, manager, directory);
                CheckpointStore checkpoints = CheckpointStore.builder()
                        .setDirectory(directory.root().resolve("checkpoints"))
                        .optKeepLast(settings.run().keepLast())
                        .optBestMetric(settings.run().bestMetric())
                        .build();
                int firstEpoch = 0;
                if (resumeFrom != null) {
                    firstEpoch = resumeFrom.restore(trainer).epoch();
                    out.println("resumed from " + resumeFrom.directory() + " at epoch " + (firstEpoch + 1));
                    directory.event("resumed", new JsonObject().put("checkpoint", resumeFrom.directory().toString())
                            .put("epoch", firstEpoch));
                }
                EvaluationResult before = evaluation.at(firstEpoch - 1);
                TrainingPipeline.Setup setup = new TrainingPipeline.Setup(networks, trainer,
                        components.similarity(), momentum, split.train(), loader, components.trainTransform(),
                        rebuilder(loader), settings.sampler().batchSize(), settings.run().seed(),
                        settings.pipeline().maxTeacherLag(),
                        (summary, table) -> onEpoch(summary, table, trainer, evaluation, checkpoints, directory));
                RunResult result = TrainingPipeline.run(setup, firstEpoch, settings.run().epochs(), manager,
                        Duration.ofDays(30));
                EvaluationResult after = evaluation.last() != null ? evaluation.last() : before;
                report(before, after, result, directory);
            }
        }
        return 0;
    }

    private NeighbourTableBuilder rebuilder(ParallelImageLoader loader) {
        return NeighbourTableBuilder.builder().setLoader(loader).setTransform(components.samplerTransform())
                .optNeighbours(settings.loss().numNeighbors()).build();
    }

    private void onEpoch(EpochSummary summary, NeighbourTable table, StmlTrainer trainer, Evaluation evaluation,
            CheckpointStore checkpoints, RunDirectory directory) {
        out.printf(Locale.ROOT, "epoch %d/%d  %d steps (%d skipped)  loss %.4f  %.0f images/s  rebuild %.1f s%n",
                summary.epoch() + 1, settings.run().epochs(), summary.steps(), summary.skippedSteps(),
                summary.meanLoss(), summary.imagesPerSecond(), summary.rebuildSeconds());
        directory.event("epoch", new JsonObject().put("epoch", summary.epoch()).put("steps", summary.steps())
                .put("skipped_steps", summary.skippedSteps()).put("mean_loss", summary.meanLoss())
                .put("images_per_second", summary.imagesPerSecond())
                .put("rebuild_seconds", summary.rebuildSeconds()));
        boolean last = summary.epoch() + 1 == settings.run().epochs();
        EvaluationResult result = null;
        if (last || (summary.epoch() + 1) % settings.run().evalEveryEpochs() == 0) {
            result = evaluation.at(summary.epoch());
        }
        saveCheckpoint(summary, table, trainer, result, checkpoints, directory);
    }

    private void saveCheckpoint(EpochSummary summary, NeighbourTable table, StmlTrainer trainer,
            EvaluationResult result, CheckpointStore checkpoints, RunDirectory directory) {
        Snapshot.Builder snapshot = Snapshot.builder()
                .setTrainer(trainer)
                .setPosition(summary.epoch() + 1, 0)
                .setNeighbourTable(table)
                .setConfig(settings.render())
                .optSeed(settings.run().seed());
        String metric = settings.run().bestMetric();
        if (result != null && result.metrics().containsKey(metric)) {
            snapshot.optMetric(metric, result.metric(metric));
        }
        long start = System.nanoTime();
        try {
            Path saved = checkpoints.save(snapshot.build());
            double seconds = (System.nanoTime() - start) / 1e9;
            directory.event("checkpoint", new JsonObject().put("path", saved.toString()).put("seconds", seconds));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint under " + directory.root() + ": "
                    + e.getMessage(), e);
        }
    }

    private void report(EvaluationResult before, EvaluationResult after, RunResult result, RunDirectory directory) {
        out.printf(Locale.ROOT, "Recall@1 on the held-out split: %.4f before training -> %.4f after %d epochs "
                + "(largest teacher lag %d)%n", before.recallAt(1), after.recallAt(1), result.epochs().size(),
                result.maxLag());
        directory.event("finished", new JsonObject().put("recall_at_1_before", before.recallAt(1))
                .put("recall_at_1_after", after.recallAt(1)).put("max_teacher_lag", result.maxLag()));
    }

    private JsonObject provenance() {
        return new JsonObject()
                .put("project", "stml " + version())
                .put("java", System.getProperty("java.version"))
                .put("djl", Engine.getDjlVersion())
                .put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion())
                .put("pekko", org.apache.pekko.Version.current())
                .put("host", hostName())
                .put("seed", settings.run().seed())
                .put("started", Instant.now().toString());
    }

    private static String version() {
        String version = TrainCommand.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown";
        }
    }

    /** Evaluates the student on the held-out split and records the result. */
    private final class Evaluation {
        private final StmlTrainer trainer;
        private final DatasetSplit split;
        private final ParallelImageLoader loader;
        private final NDManager manager;
        private final RunDirectory directory;
        private EvaluationResult last;

        Evaluation(StmlTrainer trainer, DatasetSplit split, ParallelImageLoader loader, NDManager manager,
                RunDirectory directory) {
            this.trainer = trainer;
            this.split = split;
            this.loader = loader;
            this.manager = manager;
            this.directory = directory;
        }

        EvaluationResult at(int epoch) {
            if (split.test().isEmpty()) {
                return null;
            }
            last = components.evaluate(trainer, split.test().get(), loader, manager);
            record(epoch);
            return last;
        }

        EvaluationResult last() {
            return last;
        }

        private void record(int epoch) {
            StringBuilder line = new StringBuilder(epoch < 0 ? "before training:" : "evaluation after epoch "
                    + (epoch + 1) + ":");
            last.metrics().forEach((name, value) -> line.append(String.format(Locale.ROOT, "  %s %.4f", name,
                    value)));
            out.println(line);
            JsonObject metrics = new JsonObject().put("epochs_trained", epoch + 1).putAll(last.metrics());
            directory.evaluation(epoch + 1, metrics);
            directory.event("evaluation", metrics);
        }
    }
}
