package org.stml.actors.config;

/** The shape of a schedule over training: of the learning rates per epoch, or of the EMA momentum per step. */
public enum ScheduleKind {

    /** The value stays at its configured start. */
    CONSTANT,

    /**
     * Half a cosine: the learning rates fall to zero at the last epoch; the momentum rises from its start to 1 at the
     * last step.
     */
    COSINE
}
