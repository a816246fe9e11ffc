package org.stml.model.optim;

/** A {@link LearningRateSchedule} that returns the same learning rate in every epoch. */
public final class ConstantSchedule implements LearningRateSchedule {

    private final double learningRate;

    /**
     * Creates a constant schedule.
     *
     * @param learningRate the learning rate, finite and not negative
     * @throws IllegalArgumentException if the learning rate is negative or not finite
     */
    public ConstantSchedule(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0: " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /**
     * Returns the constant learning rate.
     *
     * @param epoch the 0-based epoch, not negative
     * @return the learning rate given at construction
     * @throws IllegalArgumentException if the epoch is negative
     */
    @Override
    public double learningRate(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0: " + epoch);
        }
        return learningRate;
    }

    @Override
    public String toString() {
        return "ConstantSchedule[lr=" + learningRate + "]";
    }
}
