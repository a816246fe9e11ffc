package org.stml.actors.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.stml.actors.config.StmlSettings;
import org.stml.actors.monitoring.PipelineMetrics;
import org.stml.actors.node.StmlNode;
import org.stml.actors.transport.StmlWireProtocol;
import org.stml.actors.pipeline.PipelineSetup;
import org.stml.actors.pipeline.RunResult;
import org.stml.actors.pipeline.TeacherLags;
import org.stml.actors.pipeline.TrainingPipeline;
import org.stml.model.checkpoint.Checkpoint;
import org.stml.model.checkpoint.CheckpointException;
import org.stml.model.checkpoint.CheckpointStore;
import org.stml.model.checkpoint.Provenance;
import org.stml.model.checkpoint.ResumePoint;
import org.stml.model.data.DatasetFingerprint;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.ema.MomentumSchedule;
import org.stml.model.eval.EvaluationResult;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.train.EpochSummary;
import org.stml.model.train.StmlTrainer;
import org.stml.monitoring.MetricsExporter;
import org.stml.monitoring.MonitoringConfig;
import org.stml.monitoring.StmlRegistry;
import org.stml.monitoring.meter.RunMeters;
import org.stml.monitoring.meter.TrainingMeters;
import org.stml.monitoring.meter.TransportMeters;

/**
 * {@code stml train}: trains with the actor pipeline on one node, evaluates the student on the held-out split before
 * training and, in the evaluator actor, every {@code stml.run.eval-every-epochs} epochs, and writes the run directory
 * as it goes. A streak of non-finite steps rolls the run back to its latest checkpoint and replays it with the
 * streak's batches quarantined, at most {@code stml.nonfinite.max-rollbacks} times.
 */
final class TrainCommand {

    private final StmlSettings settings;
    private final TrainingComponents components;
    private final Console console;

    TrainCommand(StmlSettings settings, Console console) {
        this.settings = settings;
        this.components = new TrainingComponents(settings);
        this.console = console;
    }

    /** Runs the training from scratch; returns the process exit code. */
    int run(Path runDir) throws CheckpointException {
        return run(runDir, null, false);
    }

    /**
     * Runs the training, from scratch or from a checkpoint of the same run directory (at an epoch end or inside an
     * epoch); returns the process exit code. A checkpoint whose dataset fingerprint differs from this data's is
     * refused with one line unless {@code force} is set.
     */
    int run(Path runDir, Checkpoint resumeFrom, boolean force) throws CheckpointException {
        console.line(DeviceLine.describe());
        DatasetSplit split = components.dataset();
        console.line(split.summary());
        DatasetFingerprint dataset = components.datasetFingerprint();
        if (resumeFrom != null) {
            requireResumable(resumeFrom, dataset, split, force);
        }
        Provenance provenance = RunProvenance.of(settings, dataset);
        Path root = components.runDirectory(runDir);
        MonitoringConfig monitoring = components.monitoring();
        PrometheusMeterRegistry registry = StmlRegistry.create(monitoring, root.getFileName().toString());
        // the wire serializer, which Pekko constructs, counts its drops on the global registry
        Metrics.addRegistry(registry);
        new TransportMeters(Metrics.globalRegistry);
        try (MetricsExporter exporter = monitoring.enabled() ? MetricsExporter.start(registry, monitoring) : null) {
            RunDirectory directory = RunDirectory.create(root, settings.render(), provenance);
            console.line("run directory: " + directory.root());
            console.line("messages: " + StmlWireProtocol.CURRENT);
            if (exporter != null) {
                console.line("metrics: " + exporter.url());
                directory.event("metrics", RunDirectory.object().put("url", exporter.url()));
            }
            return train(split, directory, registry, resumeFrom, provenance);
        } finally {
            Metrics.removeRegistry(registry);
            registry.close();
        }
    }

    /**
     * Refuses a checkpoint of other data unless forced, and in any case one stopped inside an epoch whose neighbour
     * table does not fit the training split (that epoch cannot be continued on other data).
     */
    private void requireResumable(Checkpoint checkpoint, DatasetFingerprint dataset, DatasetSplit split,
            boolean force) throws CheckpointException {
        Optional<String> difference = checkpoint.manifest().provenance().datasetDifference(dataset);
        if (difference.isPresent() && !force) {
            throw new IllegalArgumentException(difference.get() + " (--force to resume anyway)");
        }
        difference.ifPresent(line -> console.line("stml: " + line + " (resuming anyway: --force)"));
        if (checkpoint.manifest().stepInEpoch() == 0) {
            return;
        }
        int tableRows = checkpoint.neighbourTable().size();
        if (tableRows != split.train().size()) {
            throw new IllegalArgumentException("the checkpoint " + checkpoint.directory() + " stopped inside an "
                    + "epoch whose neighbour table covers " + tableRows + " images, but the training split has "
                    + split.train().size() + "; that epoch cannot be continued on this data");
        }
    }

    private int train(DatasetSplit split, RunDirectory directory, PrometheusMeterRegistry registry,
            Checkpoint resumeFrom, Provenance provenance) throws CheckpointException {
        try (StmlNode node = StmlNode.start(StmlNode.singleNodeConfig());
                NDManager manager = NDManager.newBaseManager();
                ParallelImageLoader loader = components.loader()) {
            StmlNetworks networks = components.networks(manager);
            MomentumSchedule momentum = components.momentum(split.train());
            try (StmlTrainer trainer = components.trainer(networks, momentum, manager)) {
                TrainingMeters meters = TrainingMeters.register(registry, new TrainingMeters.RunFacts(
                        settings.model().backbone(), settings.data().layout(), RunProvenance.projectVersion(),
                        settings.pipeline().maxTeacherLag()), settings.eval().recallKs(),
                        () -> loader.corruptImages().count(), () -> manager.getManagedArrays().size());
                CheckpointStore checkpoints = components.checkpoints(directory.root());
                ResumePoint from = new ResumePoint(0, 0, settings.run().seed(), null);
                if (resumeFrom != null) {
                    from = resumeFrom.restore(trainer);
                    console.line("resumed from " + resumeFrom.directory() + " at epoch " + (from.epoch() + 1)
                            + " step " + (from.stepInEpoch() + 1));
                    directory.event("resumed", RunDirectory.object()
                            .put("checkpoint", resumeFrom.directory().toString())
                            .put("epoch", from.epoch()).put("step_in_epoch", from.stepInEpoch()));
                }
                RunRecorder recorder = new RunRecorder(settings, components, console, directory, checkpoints,
                        provenance, trainer, split.test().map(test -> components.heldOut(test, loader)).orElse(null),
                        manager, meters);
                EvaluationResult before = recorder.evaluateNow(from);
                PipelineSetup.Builder setup = components.pipeline(split.train(), loader, networks, trainer, momentum,
                                recorder.evaluates() ? recorder : null)
                        .optObserver(recorder.andThen(new PipelineMetrics(meters, trainer.parameterGroups())));
                RunResult result = trainWithRollbacks(node, setup, from, trainer, checkpoints, directory, manager,
                        meters.run());
                report(before, resumeFrom != null, recorder.lastEvaluation(), result, directory);
            }
        }
        return 0;
    }

    /** Runs the pipeline; on a non-finite streak restores the latest checkpoint and replays with the streak skipped. */
    private RunResult trainWithRollbacks(StmlNode node, PipelineSetup.Builder setup, ResumePoint start,
            StmlTrainer trainer,
            CheckpointStore checkpoints, RunDirectory directory, NDManager manager, RunMeters meters)
            throws CheckpointException {
        Set<Long> quarantine = new TreeSet<>();
        List<EpochSummary> epochs = new ArrayList<>();
        ResumePoint from = start;
        for (int rollbacks = 0; ; rollbacks++) {
            setup.optNonFinite(settings.nonFinite().maxConsecutiveSkips(), quarantine);
            RunResult result = TrainingPipeline.run(node, setup.build(), from, settings.run().epochs(), manager,
                    Duration.ofDays(30));
            epochs.addAll(result.epochs());
            if (result.finished()) {
                return new RunResult(epochs, result.lags(), List.of());
            }
            List<Long> streak = result.nonFiniteStreak();
            directory.event("nonfinite_streak", RunDirectory.object().put("first_step", streak.get(0))
                    .put("last_step", streak.get(streak.size() - 1)).put("rollbacks_so_far", rollbacks));
            if (rollbacks >= settings.nonFinite().maxRollbacks()) {
                throw new TrainingFailedException(streak.size() + " consecutive non-finite steps (" + streak.get(0)
                        + ".." + streak.get(streak.size() - 1) + ") after " + rollbacks + " roll-backs "
                        + "(stml.nonfinite.max-rollbacks); lower stml.optimizer.lr");
            }
            from = rollBack(checkpoints, trainer, streak, quarantine, directory);
            meters.rolledBack();
        }
    }

    private ResumePoint rollBack(CheckpointStore checkpoints, StmlTrainer trainer, List<Long> streak,
            Set<Long> quarantine, RunDirectory directory) throws CheckpointException {
        Checkpoint latest = latestCheckpoint(checkpoints).orElseThrow(() -> new TrainingFailedException(
                streak.size() + " consecutive non-finite steps (" + streak.get(0) + ".." + streak.get(streak.size() - 1)
                + ") before any checkpoint to roll back to; lower stml.optimizer.lr or set "
                + "stml.run.checkpoint-every-steps"));
        quarantine.addAll(streak);
        ResumePoint from = latest.restore(trainer);
        console.line(String.format(Locale.ROOT, "%d non-finite steps in a row: rolled back to %s (epoch %d step %d);"
                + " steps %s quarantined", streak.size(), latest.directory().getFileName(), from.epoch() + 1,
                from.stepInEpoch() + 1, quarantine));
        directory.event("rollback", RunDirectory.object().put("checkpoint", latest.directory().toString())
                .put("epoch", from.epoch()).put("step_in_epoch", from.stepInEpoch())
                .put("quarantined_steps", quarantine.toString()));
        return from;
    }

    private static Optional<Checkpoint> latestCheckpoint(CheckpointStore checkpoints) throws CheckpointException {
        try {
            return checkpoints.latest();
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the latest checkpoint: " + e.getMessage(), e);
        }
    }

    private void report(EvaluationResult before, boolean resumed, EvaluationResult after, RunResult result,
            RunDirectory directory) {
        TeacherLags lags = result.lags();
        if (before == null) {
            console.line(String.format(Locale.ROOT, "trained %d epochs (no held-out split to evaluate on); teacher "
                    + "lag per batch %s", result.epochs().size(), lags));
            directory.event("finished", RunDirectory.object().put("max_teacher_lag", lags.max()));
            return;
        }
        EvaluationResult last = after != null ? after : before;
        console.line(String.format(Locale.ROOT, "Recall@1 on the held-out split: %.4f %s -> %.4f after epoch %d "
                + "(teacher lag per batch %s)", before.recallAt(1), resumed ? "at the resumed checkpoint"
                : "before training", last.recallAt(1), settings.run().epochs(), lags));
        directory.event("finished", RunDirectory.object().put("recall_at_1_before", before.recallAt(1))
                .put("recall_at_1_after", last.recallAt(1)).put("max_teacher_lag", lags.max())
                .put("mean_teacher_lag", lags.mean()));
    }
}
