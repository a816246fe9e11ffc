package org.stml.actors.pipeline;

import org.stml.model.train.EpochSummary;
import org.stml.model.train.StepResult;

/** The student's bookkeeping for the epoch in progress. */
final class EpochProgress {

    private int epoch;
    private int steps;
    private int step;
    private double rebuildSeconds;
    private double lossSum;
    private int applied;
    private long images;
    private long startNanos;

    void begin(int epoch, int steps, double rebuildSeconds) {
        this.epoch = epoch;
        this.steps = steps;
        this.step = 0;
        this.rebuildSeconds = rebuildSeconds;
        this.lossSum = 0;
        this.applied = 0;
        this.images = 0;
        this.startNanos = System.nanoTime();
    }

    int epoch() {
        return epoch;
    }

    int step() {
        return step;
    }

    boolean hasNext() {
        return step + 1 < steps;
    }

    boolean finished() {
        return step >= steps;
    }

    void addImages(int count) {
        images += count;
    }

    void record(StepResult result) {
        if (result.applied()) {
            lossSum += result.total();
            applied++;
        }
        step++;
    }

    EpochSummary summary() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return new EpochSummary(epoch, steps, applied == 0 ? Double.NaN : lossSum / applied, steps - applied, 1,
                rebuildSeconds, seconds, images);
    }
}
