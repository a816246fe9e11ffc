package org.stml.model.train;

/**
 * The student's forward and backward pass of one step, before the EMA and the optimizer.
 *
 * @param step the step's number
 * @param total the total loss
 * @param contrastiveLow L_RC on the f head
 * @param contrastiveHigh L_RC on the g head
 * @param distillation the KL term
 * @param forwardNanos the student forward
 * @param lossNanos the loss
 * @param backwardNanos back-propagation
 * @param embeddingSpread the mean distance between the L2-normalised f embeddings of the batch's rows, from 0 (every
 *     row the same: collapse) to 2; about √2 for embeddings spread over the sphere
 * @param gradientNorm the L2 norm of every student gradient taken as one vector
 */
public record StudentPass(
        long step, float total, float contrastiveLow, float contrastiveHigh, float distillation, long forwardNanos,
        long lossNanos, long backwardNanos, double embeddingSpread, double gradientNorm) {

    /**
     * Tells whether the loss is finite, i.e. whether the step may update the weights.
     *
     * @return true when finite
     */
    public boolean finite() {
        return Float.isFinite(total);
    }

    /**
     * Completes the pass into a step result.
     *
     * @param momentum the EMA momentum used, NaN when skipped
     * @param applied whether the update was applied
     * @param labelNanos teacher forward and W
     * @param emaNanos the EMA
     * @param optimizerNanos the optimizer
     * @return the step result
     */
    public StepResult result(double momentum, boolean applied, long labelNanos, long emaNanos, long optimizerNanos) {
        return new StepResult(step, total, contrastiveLow, contrastiveHigh, distillation, momentum, applied,
                new PhaseTimes(labelNanos, forwardNanos, lossNanos, backwardNanos, emaNanos, optimizerNanos));
    }
}
