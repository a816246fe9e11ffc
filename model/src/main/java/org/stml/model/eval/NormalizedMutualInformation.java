package org.stml.model.eval;

import java.util.Arrays;

/**
 * Normalized mutual information between two labellings of the same items, as scikit-learn's default {@code
 * normalized_mutual_info_score}: {@code MI / ((H(a) + H(b)) / 2)} (arithmetic-mean normalisation), in double
 * precision from the sparse contingency table. Label values are arbitrary integers; only the partition counts.
 *
 * <p>Limit cases follow scikit-learn: two labellings that both put every item in one group score 1; otherwise a
 * mutual information below double machine epsilon scores 0.
 */
public final class NormalizedMutualInformation {

    private static final double EPSILON = Math.ulp(1.0);

    private NormalizedMutualInformation() {}

    /**
     * Computes the NMI of two labellings; the score is symmetric.
     *
     * @param first one label per item, e.g. the classes
     * @param second one label per item, e.g. the cluster ids
     * @return the NMI, in [0, 1]
     */
    public static double compute(int[] first, int[] second) {
        if (first.length != second.length || first.length == 0) {
            throw new IllegalArgumentException(
                    "need two non-empty labellings of equal length, got " + first.length + " and " + second.length);
        }
        int[] a = denseIds(first);
        int[] b = denseIds(second);
        int[] aSizes = groupSizes(a);
        int[] bSizes = groupSizes(b);
        if (aSizes.length == 1 && bSizes.length == 1) {
            return 1.0;
        }
        double mutualInformation = Math.max(0, mutualInformation(a, b, aSizes, bSizes));
        if (mutualInformation < EPSILON) {
            return 0.0;
        }
        return mutualInformation / ((entropy(aSizes, a.length) + entropy(bSizes, b.length)) / 2);
    }

    private static double mutualInformation(int[] a, int[] b, int[] aSizes, int[] bSizes) {
        long[] cells = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            cells[i] = (long) a[i] * bSizes.length + b[i];
        }
        Arrays.sort(cells);
        double n = a.length;
        double sum = 0;
        for (int start = 0; start < cells.length; ) {
            int end = start;
            while (end < cells.length && cells[end] == cells[start]) {
                end++;
            }
            double joint = end - start;
            int row = (int) (cells[start] / bSizes.length);
            int column = (int) (cells[start] % bSizes.length);
            sum += joint / n * Math.log(n * joint / ((double) aSizes[row] * bSizes[column]));
            start = end;
        }
        return sum;
    }

    private static double entropy(int[] sizes, int n) {
        double sum = 0;
        for (int size : sizes) {
            double p = (double) size / n;
            sum -= p * Math.log(p);
        }
        return sum;
    }

    private static int[] groupSizes(int[] ids) {
        int[] sizes = new int[Arrays.stream(ids).max().orElseThrow() + 1];
        for (int id : ids) {
            sizes[id]++;
        }
        return sizes;
    }

    private static int[] denseIds(int[] labels) {
        int[] distinct = Arrays.stream(labels).sorted().distinct().toArray();
        int[] ids = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            ids[i] = Arrays.binarySearch(distinct, labels[i]);
        }
        return ids;
    }
}
