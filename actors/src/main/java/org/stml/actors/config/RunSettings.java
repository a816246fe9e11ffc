package org.stml.actors.config;

/**
 * {@code stml.run}: where a run writes, how long it trains, when it evaluates and which checkpoints it keeps.
 *
 * @param dir the run directory; empty for {@code runs/<timestamp>}
 * @param seed the seed of every random draw
 * @param epochs the number of training epochs, at least 1
 * @param evalEveryEpochs evaluate every this many epochs, at least 1
 * @param keepLast the number of recent epoch checkpoints kept, at least 1
 * @param checkpointEverySteps also checkpoint every this many steps inside an epoch; 0 for epoch ends only
 * @param progressEverySeconds the period of the progress log line when the output is not a terminal
 * @param bestMetric the metric that selects the best checkpoint, e.g. {@code recall_at_1}
 */
public record RunSettings(String dir, int seed, int epochs, int evalEveryEpochs, int keepLast,
        int checkpointEverySteps, int progressEverySeconds, String bestMetric) {

    /**
     * Returns whether the run directory is chosen automatically.
     *
     * @return true when {@link #dir()} is empty
     */
    public boolean automaticDir() {
        return dir.isBlank();
    }

    static RunSettings read(SettingsReader reader) {
        return new RunSettings(reader.text("dir"), reader.integer("seed", Integer.MIN_VALUE, Integer.MAX_VALUE),
                reader.integer("epochs", 1), reader.integer("eval-every-epochs", 1), reader.integer("keep-last", 1),
                reader.integer("checkpoint-every-steps", 0), reader.integer("progress-every-seconds", 1),
                reader.text("best-metric"));
    }
}
