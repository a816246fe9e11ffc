package org.stml.actors.pipeline;

import org.stml.model.nn.EmbeddingNetwork;

/**
 * Evaluates a student snapshot on the held-out split and records the result; called by the {@link Evaluator} on its
 * own thread while training goes on.
 */
@FunctionalInterface
public interface SnapshotEvaluation {

    /**
     * Evaluates and records.
     *
     * @param student a replica holding the student's weights at the snapshot (evaluation mode only; do not keep it)
     * @param epochsTrained the epochs the student had finished at the snapshot
     * @param step the trainer's step count at the snapshot (that of the checkpoint written at the same moment)
     */
    void evaluate(EmbeddingNetwork student, int epochsTrained, long step);
}
