package org.stml.actors.pipeline;

/**
 * What the pipeline measured around one step, beyond its loss terms and phase times: for metrics and dashboards.
 *
 * @param waitSeconds how long the student waited for the step's labelled batch (back-pressure from the data side)
 * @param loadSeconds how long the loader took to decode and augment the batch
 * @param teacherVersion the teacher version that labelled the batch
 * @param teacherStudentDistance the L2 distance between teacher and student trainable weights after the step's EMA,
 *     NaN when not measured at this step
 * @param embeddingSpread the mean distance between the batch's normalised f embeddings (collapse: near 0), NaN when
 *     the step did not run the student
 * @param gradientNorm the L2 norm of the student's gradients, NaN when the step did not run the student
 * @param pseudoLabelEntropy the mean normalised entropy of W's rows, in [0, 1]
 * @param batchesAhead labelled batches requested beyond this step and not yet consumed (the pipeline's queue)
 * @param quarantined true when the batch was skipped untrained because a roll-back quarantined it
 */
public record StepTelemetry(double waitSeconds, double loadSeconds, long teacherVersion, double teacherStudentDistance,
        double embeddingSpread, double gradientNorm, double pseudoLabelEntropy, int batchesAhead,
        boolean quarantined) {}
