package org.stml.model.train;

import java.util.Objects;
import org.stml.model.optim.AdamPState;

/**
 * The state of a {@link StmlTrainer} besides its networks' parameters, for checkpoints: the step counters, the
 * learning-rate schedule position and the optimizer's state.
 *
 * @param step steps run, skipped ones included
 * @param skippedSteps steps skipped because the loss was not finite
 * @param epoch the epoch the learning-rate schedules are at
 * @param optimizer the AdamP state, keyed by parameter name
 */
public record TrainerState(long step, long skippedSteps, int epoch, AdamPState optimizer) {

    /**
     * Checks the state.
     *
     * @param step not negative
     * @param skippedSteps in {@code [0, step]}
     * @param epoch not negative
     * @param optimizer not null
     */
    public TrainerState {
        if (step < 0 || skippedSteps < 0 || skippedSteps > step || epoch < 0) {
            throw new IllegalArgumentException("inconsistent trainer state: step " + step + ", skipped "
                    + skippedSteps + ", epoch " + epoch);
        }
        Objects.requireNonNull(optimizer, "optimizer");
    }
}
