package org.stml.actors.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.stml.model.train.StepResult;

/**
 * Watches for steps whose loss is not finite: keeps the current streak of them (global step numbers), says when the
 * streak is long enough to stop the run, and knows the quarantined steps whose batches are skipped untrained after a
 * roll-back (those neither extend nor break a streak).
 */
final class NonFiniteGuard {

    private final int maxConsecutiveSkips;
    private final Set<Long> quarantine;
    private final List<Long> streak = new ArrayList<>();

    /**
     * @param maxConsecutiveSkips the non-finite steps in a row that stop the run
     * @param quarantine global step numbers whose batches are skipped without training
     */
    NonFiniteGuard(int maxConsecutiveSkips, Set<Long> quarantine) {
        this.maxConsecutiveSkips = maxConsecutiveSkips;
        this.quarantine = Set.copyOf(quarantine);
    }

    boolean quarantined(long step) {
        return quarantine.contains(step);
    }

    /** Records a finished step; an applied step ends the streak, a skipped non-quarantined one extends it. */
    void record(StepResult result) {
        if (result.applied()) {
            streak.clear();
        } else if (!quarantined(result.step())) {
            streak.add(result.step());
        }
    }

    int streakLength() {
        return streak.size();
    }

    /** True once the streak is long enough to stop the run. */
    boolean tripped() {
        return streak.size() >= maxConsecutiveSkips;
    }

    /** The streak that stopped the run, or an empty list when it was not stopped by one. */
    long[] stoppingStreak() {
        return tripped() ? streak.stream().mapToLong(Long::longValue).toArray() : new long[0];
    }
}
