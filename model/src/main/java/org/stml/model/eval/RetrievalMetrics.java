package org.stml.model.eval;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Retrieval metrics computed from the labels of each query's nearest neighbours.
 *
 * <p>{@link #recallAt} is averaged over <b>all</b> queries (the STML / deep-metric-learning protocol; a query whose
 * class has no other member simply never scores). The pytorch-metric-learning metrics {@link #precisionAtOne}, {@link
 * #rPrecision} and {@link #meanAveragePrecisionAtR} are averaged over the queries with R ≥ 1 relevant database items
 * only; <i>lone</i> queries (R = 0) are left out, and if every query is lone the metric is 0, as in
 * pytorch-metric-learning's {@code AccuracyCalculator}.
 */
public final class RetrievalMetrics {

    private RetrievalMetrics() {}

    /**
     * Counts, for every query, the database items of its class: R in R-precision and MAP@R.
     *
     * @param queryLabels the class of every query
     * @param databaseLabels the class of every database item
     * @param queriesAreDatabase {@code true} when the queries are the database itself with each query excluded from
     *     its own neighbours; the query is then not counted
     * @return R for every query
     */
    public static int[] relevantCounts(int[] queryLabels, int[] databaseLabels, boolean queriesAreDatabase) {
        Map<Integer, Integer> classSizes = new HashMap<>();
        for (int label : databaseLabels) {
            classSizes.merge(label, 1, Integer::sum);
        }
        int[] counts = new int[queryLabels.length];
        for (int q = 0; q < counts.length; q++) {
            int size = classSizes.getOrDefault(queryLabels[q], 0);
            counts[q] = queriesAreDatabase ? Math.max(0, size - 1) : size;
        }
        return counts;
    }

    /**
     * Recall@K in the metric-learning sense: the fraction of queries for which <b>at least one</b> of the K nearest
     * neighbours has the query's class. This is not precision@K.
     *
     * @param k K, 1 ≤ K ≤ {@code neighbours.k()}
     * @param neighbours the nearest database items of every query
     * @param queryLabels the class of every query
     * @param databaseLabels the class of every database item
     * @return the recall over all queries, in [0, 1]
     */
    public static double recallAt(int k, KnnResult neighbours, int[] queryLabels, int[] databaseLabels) {
        checkRows(neighbours, queryLabels);
        if (k < 1 || k > neighbours.k()) {
            throw new IllegalArgumentException("K = " + k + " outside [1, " + neighbours.k() + "]");
        }
        int hits = 0;
        for (int q = 0; q < queryLabels.length; q++) {
            if (relevantAmongFirst(k, q, neighbours, queryLabels[q], databaseLabels) > 0) {
                hits++;
            }
        }
        return (double) hits / queryLabels.length;
    }

    /**
     * pytorch-metric-learning's {@code precision_at_1}: the fraction of non-lone queries whose nearest neighbour has
     * their class.
     *
     * @param neighbours the nearest database items of every query
     * @param queryLabels the class of every query
     * @param databaseLabels the class of every database item
     * @param relevantCounts R for every query, from {@link #relevantCounts}
     * @return the mean over queries with R ≥ 1, or 0 if there are none
     */
    public static double precisionAtOne(
            KnnResult neighbours, int[] queryLabels, int[] databaseLabels, int[] relevantCounts) {
        return meanOverNonLone(neighbours, queryLabels, relevantCounts,
                q -> relevantAmongFirst(1, q, neighbours, queryLabels[q], databaseLabels));
    }

    /**
     * pytorch-metric-learning's {@code r_precision}: for a query with R relevant items, the fraction of its R
     * nearest neighbours that have its class.
     *
     * @param neighbours the nearest database items of every query, at least R of them
     * @param queryLabels the class of every query
     * @param databaseLabels the class of every database item
     * @param relevantCounts R for every query, from {@link #relevantCounts}
     * @return the mean over queries with R ≥ 1, or 0 if there are none
     */
    public static double rPrecision(
            KnnResult neighbours, int[] queryLabels, int[] databaseLabels, int[] relevantCounts) {
        return meanOverNonLone(neighbours, queryLabels, relevantCounts,
                q -> (double) relevantAmongFirst(relevantCounts[q], q, neighbours, queryLabels[q], databaseLabels)
                        / relevantCounts[q]);
    }

    /**
     * pytorch-metric-learning's {@code mean_average_precision_at_r} ("A Metric Learning Reality Check"): for a query
     * with R relevant items, {@code (1/R) · Σ_{i=1..R} P(i) · rel(i)} over its R nearest neighbours, where rel(i) is 1
     * when the i-th neighbour has the query's class and P(i) is the precision among the first i.
     *
     * @param neighbours the nearest database items of every query, at least R of them
     * @param queryLabels the class of every query
     * @param databaseLabels the class of every database item
     * @param relevantCounts R for every query, from {@link #relevantCounts}
     * @return the mean over queries with R ≥ 1, or 0 if there are none
     */
    public static double meanAveragePrecisionAtR(
            KnnResult neighbours, int[] queryLabels, int[] databaseLabels, int[] relevantCounts) {
        return meanOverNonLone(neighbours, queryLabels, relevantCounts,
                q -> averagePrecisionAtR(q, neighbours, queryLabels[q], databaseLabels, relevantCounts[q]));
    }

    private static double averagePrecisionAtR(
            int query, KnnResult neighbours, int label, int[] databaseLabels, int relevant) {
        int hits = 0;
        double sum = 0;
        for (int rank = 0; rank < relevant; rank++) {
            if (databaseLabels[neighbours.index(query, rank)] == label) {
                hits++;
                sum += (double) hits / (rank + 1);
            }
        }
        return sum / relevant;
    }

    private static int relevantAmongFirst(int count, int query, KnnResult neighbours, int label, int[] databaseLabels) {
        int hits = 0;
        for (int rank = 0; rank < count; rank++) {
            if (databaseLabels[neighbours.index(query, rank)] == label) {
                hits++;
            }
        }
        return hits;
    }

    private static double meanOverNonLone(
            KnnResult neighbours, int[] queryLabels, int[] relevantCounts, IntToDoubleFunction perQuery) {
        checkRows(neighbours, queryLabels);
        if (relevantCounts.length != queryLabels.length) {
            throw new IllegalArgumentException(
                    relevantCounts.length + " relevant counts for " + queryLabels.length + " queries");
        }
        double sum = 0;
        int counted = 0;
        for (int q = 0; q < queryLabels.length; q++) {
            if (relevantCounts[q] > neighbours.k()) {
                throw new IllegalArgumentException("query " + q + " has R = " + relevantCounts[q]
                        + " relevant items but only k = " + neighbours.k() + " neighbours were searched");
            }
            if (relevantCounts[q] > 0) {
                sum += perQuery.applyAsDouble(q);
                counted++;
            }
        }
        return counted == 0 ? 0 : sum / counted;
    }

    private static void checkRows(KnnResult neighbours, int[] queryLabels) {
        if (neighbours.queryCount() != queryLabels.length) {
            throw new IllegalArgumentException(
                    neighbours.queryCount() + " neighbour rows for " + queryLabels.length + " query labels");
        }
    }
}
