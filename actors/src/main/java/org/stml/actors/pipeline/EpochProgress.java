package org.stml.actors.pipeline;

import org.stml.model.train.EpochSummary;
import org.stml.model.train.StepResult;

/** The student's bookkeeping for the epoch in progress, which may have been entered part-way on a resume. */
final class EpochProgress {

    private int epoch;
    private int steps;
    private int firstStep;
    private int step;
    private double rebuildSeconds;
    private double laterRebuildSeconds;
    private int rebuilds;
    private double lossSum;
    private int applied;
    private long images;
    private long startNanos;

    void begin(int epoch, int steps, int firstStep, double rebuildSeconds) {
        this.epoch = epoch;
        this.steps = steps;
        this.firstStep = firstStep;
        this.step = firstStep;
        this.rebuildSeconds = rebuildSeconds;
        this.laterRebuildSeconds = 0;
        this.rebuilds = firstStep == 0 ? 1 : 0;
        this.lossSum = 0;
        this.applied = 0;
        this.images = 0;
        this.startNanos = System.nanoTime();
    }

    int epoch() {
        return epoch;
    }

    int steps() {
        return steps;
    }

    /** The step being run or awaited (after the last one: {@link #steps()}). */
    int step() {
        return step;
    }

    boolean finished() {
        return step >= steps;
    }

    /** Training seconds of this epoch so far, rebuilds excluded. */
    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9 - laterRebuildSeconds;
    }

    void addRebuild(double seconds) {
        laterRebuildSeconds += seconds;
        rebuilds++;
    }

    void record(StepResult result, int batchImages) {
        if (result.applied()) {
            lossSum += result.total();
            applied++;
        }
        images += batchImages;
        step++;
    }

    EpochSummary summary() {
        int run = steps - firstStep;
        return new EpochSummary(epoch, run, applied == 0 ? Double.NaN : lossSum / applied, run - applied,
                rebuilds, rebuildSeconds + laterRebuildSeconds, seconds(), images);
    }
}
