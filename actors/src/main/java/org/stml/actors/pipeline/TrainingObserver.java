package org.stml.actors.pipeline;

import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.train.EpochSummary;

/**
 * Watches a pipeline run from the student trainer's thread. Both calls come at a stable point: the step's update has
 * been applied and folded into the teacher, and no other step has begun changing either network, so evaluating or
 * checkpointing here is exact. A call that throws fails the run.
 */
public interface TrainingObserver {

    /** An observer that does nothing. */
    TrainingObserver NONE = new TrainingObserver() {};

    /**
     * Receives the end of every step, the skipped ones included.
     *
     * @param step what the step did and where it stands
     */
    default void stepEnded(StepEnd step) {}

    /**
     * Receives the end of an epoch, after the {@link #stepEnded} of its last step and before the next epoch starts.
     *
     * @param summary what the epoch did
     * @param table the neighbour table the epoch's batches were drawn from
     */
    default void epochEnded(EpochSummary summary, NeighbourTable table) {}

    /**
     * Returns an observer that tells this one, then {@code next}.
     *
     * @param next the second observer
     * @return both, in order
     */
    default TrainingObserver andThen(TrainingObserver next) {
        TrainingObserver first = this;
        return new TrainingObserver() {
            @Override
            public void stepEnded(StepEnd step) {
                first.stepEnded(step);
                next.stepEnded(step);
            }

            @Override
            public void epochEnded(EpochSummary summary, NeighbourTable table) {
                first.epochEnded(summary, table);
                next.epochEnded(summary, table);
            }
        };
    }
}
