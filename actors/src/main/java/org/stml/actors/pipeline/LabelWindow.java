package org.stml.actors.pipeline;

import java.util.HashMap;
import java.util.Map;

/**
 * The student's window of labelled batches within an epoch: which steps have been requested from the teachers, and
 * the labelled batches that arrived before their turn. With lag 0 only the next step is requested, and only once the
 * current step's fold is on its way (so that the teacher labels it with version t + 1); with a lag L > 0 up to
 * min(L, batch window) steps ahead are requested. Never beyond the epoch or the current table's block.
 */
final class LabelWindow {

    private final long maxTeacherLag;
    private final int batchWindow;
    private final Map<Integer, TeacherInference.LabelledBatch> ready = new HashMap<>();
    private int requestedUpTo;

    /**
     * @param maxTeacherLag max-teacher-lag, in teacher versions
     * @param batchWindow the most batches requested ahead when the lag allows it
     */
    LabelWindow(long maxTeacherLag, int batchWindow) {
        this.maxTeacherLag = maxTeacherLag;
        this.batchWindow = batchWindow;
    }

    /** Starts an epoch whose first step to run is {@code firstStep}; forgets what the previous epoch requested. */
    void startAt(int firstStep) {
        ready.clear();
        requestedUpTo = firstStep - 1;
    }

    /**
     * Returns the last step that may be requested now.
     *
     * @param current the step the student is at
     * @param folding whether the current step's fold is on its way
     * @param steps the steps of the epoch
     * @param blockEnd the last step the current neighbour table serves
     * @return the step, possibly below the next one to request (then nothing is requested)
     */
    int lastRequestable(int current, boolean folding, int steps, long blockEnd) {
        int ahead = maxTeacherLag == 0 ? (folding ? 1 : 0) : (int) Math.min(maxTeacherLag, batchWindow);
        return (int) Math.min(Math.min(current + ahead, steps - 1), blockEnd);
    }

    /** The first step not requested yet. */
    int nextToRequest() {
        return requestedUpTo + 1;
    }

    void requested(int step) {
        requestedUpTo = step;
    }

    /** How many steps beyond {@code current} are requested. */
    int ahead(int current) {
        return requestedUpTo - current;
    }

    void arrived(TeacherInference.LabelledBatch batch) {
        ready.put(batch.step(), batch);
    }

    /** Takes the labelled batch of {@code step}, or returns null while it has not arrived. */
    TeacherInference.LabelledBatch take(int step) {
        return ready.remove(step);
    }
}
