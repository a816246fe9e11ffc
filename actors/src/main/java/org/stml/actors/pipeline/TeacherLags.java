package org.stml.actors.pipeline;

import java.util.Arrays;

/**
 * How many batches were labelled at each teacher lag: the staleness actually seen, in teacher versions (EMA
 * updates the labelling teacher had not yet absorbed compared with the reference algorithm's teacher).
 */
public final class TeacherLags {

    private long[] counts = new long[1];

    /** An empty histogram. */
    public TeacherLags() {}

    /**
     * A histogram of the given counts.
     *
     * @param counts the batches at each lag, index = lag; copied
     * @return the histogram
     */
    public static TeacherLags of(long[] counts) {
        TeacherLags lags = new TeacherLags();
        lags.counts = counts.length == 0 ? new long[1] : counts.clone();
        return lags;
    }

    /**
     * Returns the counts.
     *
     * @return a copy of the batches at each lag, index = lag
     */
    public long[] counts() {
        return counts.clone();
    }

    /**
     * Counts one labelled batch.
     *
     * @param lag its lag, at least 0
     * @throws IllegalArgumentException if {@code lag} is negative
     */
    public void record(long lag) {
        if (lag < 0) {
            throw new IllegalArgumentException("a teacher lag cannot be negative: " + lag);
        }
        if (lag >= counts.length) {
            counts = Arrays.copyOf(counts, Math.toIntExact(lag + 1));
        }
        counts[(int) lag]++;
    }

    /**
     * Returns the number of batches labelled at the given lag.
     *
     * @param lag the lag
     * @return the count, 0 for a lag never seen
     */
    public long count(long lag) {
        return lag >= 0 && lag < counts.length ? counts[(int) lag] : 0;
    }

    /**
     * Returns the largest lag seen.
     *
     * @return the largest lag, 0 when nothing was recorded
     */
    public long max() {
        for (int lag = counts.length - 1; lag > 0; lag--) {
            if (counts[lag] > 0) {
                return lag;
            }
        }
        return 0;
    }

    /**
     * Returns the mean lag.
     *
     * @return the mean over every recorded batch, 0 when nothing was recorded
     */
    public double mean() {
        long batches = 0;
        long sum = 0;
        for (int lag = 0; lag < counts.length; lag++) {
            batches += counts[lag];
            sum += lag * counts[lag];
        }
        return batches == 0 ? 0 : (double) sum / batches;
    }

    /**
     * Returns the counts by lag as text, e.g. {@code 0:12 1:3}.
     *
     * @return the non-zero counts in lag order
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int lag = 0; lag < counts.length; lag++) {
            if (counts[lag] > 0) {
                text.append(text.length() == 0 ? "" : " ").append(lag).append(':').append(counts[lag]);
            }
        }
        return text.toString();
    }
}
