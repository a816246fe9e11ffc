package org.stml.actors.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.stml.actors.config.SettingsLoader;
import org.stml.actors.config.StmlSettings;
import org.stml.model.checkpoint.Checkpoint;
import org.stml.model.checkpoint.CheckpointException;

/**
 * {@code stml resume --run-dir DIR [--force] [-D key=value]...}: continues a run in DIR (whatever its saved
 * {@code stml.run.dir} says) from its latest checkpoint with the configuration it was trained with. Overrides that
 * change a key that matters for resuming (the model, the data, the loss, the optimizer, the seed, the number of
 * epochs …) are refused with the differences listed, and so is data whose fingerprint differs from the checkpoint's
 * (a file added, removed, renamed or resized), unless {@code --force} is given.
 */
final class ResumeCommand {

    private final PrintStream out;
    private final PrintStream err;

    ResumeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Resumes; returns the exit status. */
    int run(Path runDir, List<String> overrides, boolean force) throws CheckpointException {
        Checkpoint checkpoint = Checkpoint.open(CheckpointPaths.resolve(runDir));
        Path config = checkpoint.directory().resolve("config.conf");
        StmlSettings saved = SettingsLoader.create().withConfigFile(config).loadSettings();
        StmlSettings settings = SettingsLoader.create().withConfigFile(config).withOverrides(overrides).loadSettings();
        List<String> conflicts = settings.resumeConflicts(saved.flatten());
        if (!conflicts.isEmpty() && !force) {
            conflicts.forEach(line -> err.println("stml: " + line));
            err.println("stml: refusing to resume " + runDir + " with a different configuration; --force overrides");
            return 2;
        }
        return new TrainCommand(settings, Console.forStream(out)).run(runDir, checkpoint, force);
    }
}
