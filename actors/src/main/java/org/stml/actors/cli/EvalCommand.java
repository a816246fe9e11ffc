package org.stml.actors.cli;

import ai.djl.ndarray.NDManager;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.stml.actors.config.SettingsLoader;
import org.stml.actors.config.StmlSettings;
import org.stml.model.checkpoint.Checkpoint;
import org.stml.model.checkpoint.CheckpointException;
import org.stml.model.checkpoint.Manifest;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.eval.EvaluationResult;
import org.stml.model.nn.StmlNetworks;

/**
 * {@code stml eval --checkpoint PATH}: restores the networks of a checkpoint (a checkpoint directory, or a run
 * directory whose {@code checkpoints/latest} names one) with the configuration it was trained with, and prints the
 * metrics of its student on the held-out split; no optimizer or trainer is built. {@code --data} and {@code -D} may
 * point the evaluation at other data; a dataset whose fingerprint differs from the one the checkpoint was trained on
 * is named in one line, not refused.
 */
final class EvalCommand {

    private final PrintStream out;

    EvalCommand(PrintStream out) {
        this.out = out;
    }

    /** Evaluates; returns the exit status. */
    int run(Path path, List<String> overrides) throws CheckpointException {
        Checkpoint checkpoint = Checkpoint.open(CheckpointPaths.resolve(path));
        StmlSettings settings = SettingsLoader.create()
                .withConfigFile(checkpoint.directory().resolve("config.conf"))
                .withOverrides(overrides)
                .loadSettings();
        TrainingComponents components = new TrainingComponents(settings);
        DatasetSplit split = components.dataset();
        if (split.test().isEmpty()) {
            throw new IllegalArgumentException("the data of " + settings.data().layout()
                    + " has no held-out split to evaluate on");
        }
        out.println(DeviceLine.describe());
        out.println(split.test().get().summary());
        checkpoint.manifest().provenance().datasetDifference(components.datasetFingerprint())
                .ifPresent(line -> out.println("stml: " + line + " (evaluating on the data given now)"));
        try (NDManager manager = NDManager.newBaseManager(); ParallelImageLoader loader = components.loader()) {
            StmlNetworks networks = components.networks(manager);
            checkpoint.restoreWeights(networks);
            EvaluationResult result = components.evaluate(networks.student(),
                    components.heldOut(split.test().get(), loader), manager);
            report(checkpoint.manifest(), result);
        }
        return 0;
    }

    private void report(Manifest manifest, EvaluationResult result) {
        out.printf(Locale.ROOT, "student of checkpoint step %d (after epoch %d):%n", manifest.step(),
                manifest.epoch());
        result.metrics().forEach((name, value) -> out.printf(Locale.ROOT, "  %-30s %.4f%n", name, value));
    }
}
