package org.stml.model.checkpoint;

import org.stml.model.data.sampler.NeighbourTable;

/**
 * Where a restored run continues: the epoch and its next step, the seed, and the neighbour table the sampler used
 * for the last step before the checkpoint (to resume with when {@code stepInEpoch > 0}).
 *
 * @param epoch the epoch to resume in
 * @param stepInEpoch the next step of that epoch to run (0: start the epoch, rebuilding the table)
 * @param seed the run's seed
 * @param table the sampler's table at the checkpoint
 */
public record ResumePoint(int epoch, int stepInEpoch, long seed, NeighbourTable table) {}
