package org.stml.model.train;

/**
 * What one epoch of {@link SequentialTraining} did.
 *
 * @param epoch the epoch, from 0
 * @param steps the student steps run
 * @param meanLoss the mean total loss over the applied steps (NaN if none)
 * @param skippedSteps steps skipped for a non-finite loss
 * @param rebuilds how many times the neighbour table was rebuilt
 * @param rebuildSeconds the time spent rebuilding the neighbour table
 * @param trainingSeconds the time spent loading batches and stepping
 * @param images the images trained on (before views)
 */
public record EpochSummary(
        int epoch, int steps, double meanLoss, int skippedSteps, int rebuilds, double rebuildSeconds,
        double trainingSeconds, long images) {

    /**
     * Returns the training throughput of the epoch.
     *
     * @return images per second, excluding the rebuild
     */
    public double imagesPerSecond() {
        return images / trainingSeconds;
    }
}
