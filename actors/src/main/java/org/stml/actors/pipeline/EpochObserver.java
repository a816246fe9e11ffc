package org.stml.actors.pipeline;

import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.train.EpochSummary;

/**
 * Called by the student trainer at the end of every epoch, on its own thread, before the next epoch starts: the
 * weights of student and teacher are stable then, so evaluating or checkpointing here is exact.
 */
@FunctionalInterface
public interface EpochObserver {

    /**
     * Receives the end of an epoch.
     *
     * @param summary what the epoch did
     * @param table the neighbour table the epoch's batches were drawn from
     */
    void epochEnded(EpochSummary summary, NeighbourTable table);
}
