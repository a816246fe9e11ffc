package org.stml.actors.config;

/**
 * {@code stml.run}: where a run writes, how long it trains, when it evaluates and which checkpoints it keeps.
 *
 * @param dir the run directory; empty for {@code runs/<timestamp>}
 * @param seed the seed of every random draw
 * @param epochs the number of training epochs, at least 1
 * @param evalEveryEpochs evaluate every this many epochs, at least 1
 * @param keepLast the number of recent epoch checkpoints kept, at least 1
 * @param bestMetric the metric that selects the best checkpoint, e.g. {@code recall_at_1}
 */
public record RunSettings(String dir, int seed, int epochs, int evalEveryEpochs, int keepLast, String bestMetric) {

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
                reader.text("best-metric"));
    }
}
