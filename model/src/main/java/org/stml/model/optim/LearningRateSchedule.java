package org.stml.model.optim;

/**
 * A learning rate as a function of the epoch (docs/ALGORITHM.md §8.3). Schedules are stepped per epoch: the value for
 * epoch {@code e} is used for every update made during that epoch.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * Returns the learning rate used during an epoch.
     *
     * @param epoch the 0-based epoch, not negative
     * @return the learning rate, not negative
     */
    double learningRate(int epoch);
}
