package org.stml.model.optim;

/**
 * Cosine annealing stepped per epoch, without warm-up and with a final learning rate of zero (docs/ALGORITHM.md §8.3):
 * the learning rate used in the 0-based epoch {@code e} of a run of {@code T} epochs is
 * {@code lr0 · ½ · (1 + cos(π · e / T))}. Epochs at or after {@code T} get {@code 0}.
 */
public final class CosineSchedule implements LearningRateSchedule {

    private final double initialLearningRate;
    private final int epochs;

    /**
     * Creates a cosine schedule.
     *
     * @param initialLearningRate the learning rate of epoch 0, finite and not negative
     * @param epochs the number of epochs {@code T} of the run, at least 1
     * @throws IllegalArgumentException if an argument is out of range
     */
    public CosineSchedule(double initialLearningRate, int epochs) {
        if (!(initialLearningRate >= 0) || Double.isInfinite(initialLearningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0: " + initialLearningRate);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1: " + epochs);
        }
        this.initialLearningRate = initialLearningRate;
        this.epochs = epochs;
    }

    /**
     * Returns {@code lr0 · ½ · (1 + cos(π · e / T))} for {@code e < T}, and {@code 0} afterwards.
     *
     * @param epoch the 0-based epoch {@code e}, not negative
     * @return the learning rate used during that epoch
     * @throws IllegalArgumentException if the epoch is negative
     */
    @Override
    public double learningRate(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0: " + epoch);
        }
        if (epoch >= epochs) {
            return 0;
        }
        return initialLearningRate * 0.5 * (1 + Math.cos(Math.PI * epoch / epochs));
    }

    @Override
    public String toString() {
        return "CosineSchedule[lr0=" + initialLearningRate + ", epochs=" + epochs + "]";
    }
}
