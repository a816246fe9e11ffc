package org.stml.actors.pipeline;

/**
 * The student's clocks for one step: how long it waited for its labelled batch, and how long the EMA fold took
 * between sending the student's weights and the broadcaster's answer.
 */
final class StepTimer {

    private long readySince = System.nanoTime();
    private long waitNanos;
    private long foldSentAt;

    /** The student became ready for its next batch. */
    void ready() {
        readySince = System.nanoTime();
    }

    /** The batch of the step arrived and is being used. */
    void batchTaken() {
        waitNanos = System.nanoTime() - readySince;
    }

    void foldSent() {
        foldSentAt = System.nanoTime();
    }

    long foldNanos() {
        return System.nanoTime() - foldSentAt;
    }

    double waitSeconds() {
        return waitNanos / 1e9;
    }
}
