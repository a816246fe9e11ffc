package org.stml.model.train;

/**
 * Wall-clock durations, in nanoseconds, of the phases of one student step.
 *
 * @param label the teacher's forward pass on the batch (no gradient) and W from its embeddings
 * @param studentForward the student's forward pass on both heads
 * @param loss the STML loss
 * @param backward back-propagation
 * @param ema folding the student into the teacher
 * @param optimizer the AdamP update
 */
public record PhaseTimes(
        long label, long studentForward, long loss, long backward, long ema,
        long optimizer) {

    /**
     * Returns the sum of all phases.
     *
     * @return nanoseconds
     */
    public long total() {
        return label + studentForward + loss + backward + ema + optimizer;
    }
}
