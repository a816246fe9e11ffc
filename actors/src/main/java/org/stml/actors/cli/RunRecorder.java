package org.stml.actors.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.Locale;
import org.stml.actors.config.StmlSettings;
import org.stml.actors.pipeline.SnapshotEvaluation;
import org.stml.actors.pipeline.StepEnd;
import org.stml.actors.pipeline.TrainingObserver;
import org.stml.model.checkpoint.CheckpointStore;
import org.stml.model.checkpoint.Provenance;
import org.stml.model.checkpoint.ResumePoint;
import org.stml.model.checkpoint.Snapshot;
import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.eval.EvaluationResult;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.train.EpochSummary;
import org.stml.model.train.StmlTrainer;
import org.stml.monitoring.meter.TrainingMeters;

/**
 * Records a training run as it goes: the progress line, a line and an event per epoch, checkpoints at epoch ends and
 * every {@code stml.run.checkpoint-every-steps} steps (postponed while a non-finite streak is open, so that a
 * roll-back never lands on weights that produced it), and the evaluations, which the evaluator actor runs beside
 * training and which then score their checkpoint for {@code best}.
 */
final class RunRecorder implements TrainingObserver, SnapshotEvaluation {

    private final StmlSettings settings;
    private final TrainingComponents components;
    private final Console console;
    private final RunDirectory directory;
    private final CheckpointStore checkpoints;
    private final Provenance provenance;
    private final StmlTrainer trainer;
    private final TrainingComponents.HeldOut heldOut;
    private final NDManager manager;
    private final ProgressLine progress;
    private final TrainingMeters meters;
    private volatile EvaluationResult lastEvaluation;
    private boolean checkpointDue;
    private int lastStreak;

    RunRecorder(StmlSettings settings, TrainingComponents components, Console console, RunDirectory directory,
            CheckpointStore checkpoints, Provenance provenance, StmlTrainer trainer,
            TrainingComponents.HeldOut heldOut, NDManager manager, TrainingMeters meters) {
        this.settings = settings;
        this.meters = meters;
        this.components = components;
        this.console = console;
        this.directory = directory;
        this.checkpoints = checkpoints;
        this.provenance = provenance;
        this.trainer = trainer;
        this.heldOut = heldOut;
        this.manager = manager;
        this.progress = components.progressLine(console, System::nanoTime);
    }

    /** Whether there is a held-out split to evaluate on. */
    boolean evaluates() {
        return heldOut != null;
    }

    /** The latest evaluation recorded, or null. */
    EvaluationResult lastEvaluation() {
        return lastEvaluation;
    }

    /**
     * Evaluates the trainer's student now, on the calling thread, before training starts at {@code from}; null
     * without a held-out split. At an epoch boundary the result is recorded like any evaluation (it reproduces the
     * one the interrupted run recorded there); inside an epoch it is only printed.
     */
    EvaluationResult evaluateNow(ResumePoint from) {
        if (heldOut == null) {
            return null;
        }
        if (from.stepInEpoch() == 0) {
            evaluate(trainer.student(), from.epoch(), trainer.stepCount());
        } else {
            lastEvaluation = components.evaluate(trainer.student(), heldOut, manager);
            console.line(metricsLine(String.format(Locale.ROOT, "at the resumed position (epoch %d, step %d):",
                    from.epoch() + 1, from.stepInEpoch() + 1), lastEvaluation));
        }
        return lastEvaluation;
    }

    @Override
    public void stepEnded(StepEnd end) {
        progress.step(end);
        lastStreak = end.nonFiniteStreak();
        long stepsDone = end.result().step() + 1;
        int every = settings.run().checkpointEverySteps();
        if (every > 0 && stepsDone % every == 0 && !end.lastOfEpoch()) {
            checkpointDue = true;
        }
        if (checkpointDue && lastStreak == 0 && !end.lastOfEpoch()) {
            save(end.epoch(), end.step() + 1, end.table());
        }
    }

    @Override
    public void epochEnded(EpochSummary summary, NeighbourTable table) {
        console.line(String.format(Locale.ROOT, "epoch %d/%d  %d steps (%d skipped)  loss %.4f  %.0f images/s  "
                + "rebuild %.1f s", summary.epoch() + 1, settings.run().epochs(), summary.steps(),
                summary.skippedSteps(), summary.meanLoss(), summary.imagesPerSecond(), summary.rebuildSeconds()));
        directory.event("epoch", RunDirectory.object().put("epoch", summary.epoch()).put("steps", summary.steps())
                .put("skipped_steps", summary.skippedSteps()).put("mean_loss", summary.meanLoss())
                .put("images_per_second", summary.imagesPerSecond())
                .put("rebuild_seconds", summary.rebuildSeconds()));
        if (lastStreak == 0) {
            save(summary.epoch() + 1, 0, table);
        } else {
            checkpointDue = true;
        }
    }

    @Override
    public void evaluate(EmbeddingNetwork student, int epochsTrained, long step) {
        long start = System.nanoTime();
        EvaluationResult result = components.evaluate(student, heldOut, manager);
        meters.evaluation().evaluated(epochsTrained, result.metrics(), (System.nanoTime() - start) / 1e9);
        console.line(metricsLine(epochsTrained == 0 ? "before training:"
                : "evaluation after epoch " + epochsTrained + ":", result));
        ObjectNode metrics = RunDirectory.object().put("epochs_trained", epochsTrained).put("step", step);
        result.metrics().forEach(metrics::put);
        directory.evaluation(epochsTrained, metrics);
        directory.event("evaluation", metrics);
        String metric = settings.run().bestMetric();
        if (result.metrics().containsKey(metric)) {
            try {
                checkpoints.score(step, result.metric(metric));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot score the checkpoint of step " + step + ": " + e.getMessage(),
                        e);
            }
        }
        progress.recall(result.recallAt(1));
        lastEvaluation = result;
    }

    private static long sizeOf(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            long total = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private static String metricsLine(String title, EvaluationResult result) {
        StringBuilder line = new StringBuilder(title);
        result.metrics().forEach((name, value) -> line.append(String.format(Locale.ROOT, "  %s %.4f", name, value)));
        return line.toString();
    }

    /** Checkpoints the trainer as positioned before step {@code stepInEpoch} of {@code epoch}. */
    private void save(int epoch, int stepInEpoch, NeighbourTable table) {
        Snapshot snapshot = Snapshot.builder()
                .setTrainer(trainer)
                .setPosition(epoch, stepInEpoch)
                .setNeighbourTable(table)
                .setConfig(settings.render())
                .optSeed(settings.run().seed())
                .optProvenance(provenance)
                .build();
        long start = System.nanoTime();
        try {
            Path saved = checkpoints.save(snapshot);
            double seconds = (System.nanoTime() - start) / 1e9;
            long bytes = sizeOf(saved);
            meters.checkpoints().written(seconds, bytes);
            directory.event("checkpoint", RunDirectory.object().put("path", saved.toString())
                    .put("epoch", epoch).put("step_in_epoch", stepInEpoch).put("seconds", seconds)
                    .put("bytes", bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint under " + directory.root() + ": "
                    + e.getMessage(), e);
        }
        checkpointDue = false;
    }
}
