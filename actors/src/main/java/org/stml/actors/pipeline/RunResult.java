package org.stml.actors.pipeline;

import java.util.Arrays;
import java.util.List;
import org.stml.model.train.EpochSummary;

/**
 * What a pipeline run did.
 *
 * @param epochs one summary per finished epoch
 * @param lags the teacher lag of every labelled batch
 * @param nonFiniteStreak empty when the run finished; otherwise the global step numbers of the consecutive
 *     non-finite steps that stopped it (roll back to a checkpoint before them and quarantine their batches)
 */
public record RunResult(List<EpochSummary> epochs, TeacherLags lags, List<Long> nonFiniteStreak) {

    /**
     * Reads the student's report of a run.
     *
     * @param finished the report
     * @return the result
     */
    public static RunResult of(StudentTrainer.Finished finished) {
        return new RunResult(List.of(finished.epochs()), TeacherLags.of(finished.lagCounts()),
                Arrays.stream(finished.nonFiniteStreak()).boxed().toList());
    }

    /**
     * Returns whether the run trained every epoch it was asked for.
     *
     * @return false when it stopped on a streak of non-finite steps
     */
    public boolean finished() {
        return nonFiniteStreak.isEmpty();
    }

    /**
     * Returns the largest teacher lag seen.
     *
     * @return the largest lag, in teacher versions
     */
    public long maxLag() {
        return lags.max();
    }
}
