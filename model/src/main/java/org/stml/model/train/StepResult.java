package org.stml.model.train;

/**
 * What one student step did.
 *
 * @param step the step's number, from 0
 * @param total the total loss ½ (RC_f + RC_g) + KL
 * @param contrastiveLow L_RC on the f head
 * @param contrastiveHigh L_RC on the g head
 * @param distillation the KL term
 * @param momentum the EMA momentum used, or NaN when the step was skipped
 * @param applied false when the loss was not finite and the step was skipped (no EMA, no update)
 * @param times the duration of each phase
 */
public record StepResult(
        long step, float total, float contrastiveLow, float contrastiveHigh, float distillation, double momentum,
        boolean applied, PhaseTimes times) {}
