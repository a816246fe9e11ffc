package org.stml.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Known answers on a hand-made neighbour table with separate query and database sets.
 *
 * <pre>
 * database labels:  0:X 1:Y 2:X 3:X 4:Z 5:Y         (X = 1, Y = 2, Z = 3; W = 9 is not in the database)
 *
 * query  label  R  neighbours     their labels   rel in first R
 *   a      X    3  0 1 2 3 4      X Y X X Z      1 0 1
 *   b      Y    2  0 5 1 2 3      X Y Y X X      0 1
 *   c      X    3  1 4 5 0 2      Y Z Y X X      0 0 0
 *   d      W    0  0 1 2 3 4      X Y X X Z      lone
 *
 * first same-class rank: a 1, b 2, c 4, d never
 * recall_at_1 = 1/4, recall_at_2 = 2/4, recall_at_4 = 3/4, recall_at_5 = 3/4   (over all four queries)
 * precision_at_1 = (1 + 0 + 0) / 3 = 1/3                                        (d is lone, left out)
 * r_precision    = (2/3 + 1/2 + 0) / 3 = 7/18
 * MAP@R: a = (1/3)(1/1 + 2/3) = 5/9, b = (1/2)(1/2) = 1/4, c = 0  →  (5/9 + 1/4) / 3 = 29/108
 * </pre>
 */
class RetrievalMetricsTest {

    private static final int[] DATABASE_LABELS = {1, 2, 1, 1, 3, 2};
    private static final int[] QUERY_LABELS = {1, 2, 1, 9};
    private static final KnnResult NEIGHBOURS = new KnnResult(5, new int[] {
        0, 1, 2, 3, 4,
        0, 5, 1, 2, 3,
        1, 4, 5, 0, 2,
        0, 1, 2, 3, 4
    }, new float[20]);

    @Test
    void relevantCountsPerQuery() {
        assertArrayEquals(new int[] {3, 2, 3, 0},
                RetrievalMetrics.relevantCounts(QUERY_LABELS, DATABASE_LABELS, false));
        // within one set, the query itself does not count: classes of sizes 3, 2, 1
        assertArrayEquals(new int[] {2, 1, 2, 2, 0, 1},
                RetrievalMetrics.relevantCounts(DATABASE_LABELS, DATABASE_LABELS, true));
    }

    @Test
    void recallCountsQueriesWithAtLeastOneHitAmongAllQueries() {
        assertEquals(1.0 / 4, recall(1), 1e-12);
        assertEquals(2.0 / 4, recall(2), 1e-12);
        assertEquals(2.0 / 4, recall(3), 1e-12);
        assertEquals(3.0 / 4, recall(4), 1e-12);
        assertEquals(3.0 / 4, recall(5), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> recall(6));
        assertThrows(IllegalArgumentException.class, () -> recall(0));
    }

    @Test
    void pytorchMetricLearningMetricsLeaveOutLoneQueries() {
        int[] relevant = RetrievalMetrics.relevantCounts(QUERY_LABELS, DATABASE_LABELS, false);
        assertEquals(1.0 / 3,
                RetrievalMetrics.precisionAtOne(NEIGHBOURS, QUERY_LABELS, DATABASE_LABELS, relevant), 1e-12);
        assertEquals(7.0 / 18,
                RetrievalMetrics.rPrecision(NEIGHBOURS, QUERY_LABELS, DATABASE_LABELS, relevant), 1e-12);
        assertEquals(29.0 / 108,
                RetrievalMetrics.meanAveragePrecisionAtR(NEIGHBOURS, QUERY_LABELS, DATABASE_LABELS, relevant),
                1e-12);
    }

    @Test
    void onlyLoneQueriesScoreZeroLikePytorchMetricLearning() {
        int[] lonely = {7, 8, 9, 9};
        int[] relevant = RetrievalMetrics.relevantCounts(lonely, DATABASE_LABELS, false);
        assertArrayEquals(new int[4], relevant);
        assertEquals(0.0, RetrievalMetrics.precisionAtOne(NEIGHBOURS, lonely, DATABASE_LABELS, relevant));
        assertEquals(0.0, RetrievalMetrics.rPrecision(NEIGHBOURS, lonely, DATABASE_LABELS, relevant));
        assertEquals(0.0, RetrievalMetrics.meanAveragePrecisionAtR(NEIGHBOURS, lonely, DATABASE_LABELS, relevant));
    }

    @Test
    void refusesTooFewNeighboursForR() {
        KnnResult twoEach = new KnnResult(2, new int[] {0, 1, 0, 5, 1, 4, 0, 1}, new float[8]);
        int[] relevant = RetrievalMetrics.relevantCounts(QUERY_LABELS, DATABASE_LABELS, false);
        assertThrows(IllegalArgumentException.class,
                () -> RetrievalMetrics.rPrecision(twoEach, QUERY_LABELS, DATABASE_LABELS, relevant));
    }

    @Test
    void refusesMismatchedRows() {
        assertThrows(IllegalArgumentException.class,
                () -> RetrievalMetrics.recallAt(1, NEIGHBOURS, new int[] {1, 2}, DATABASE_LABELS));
        assertThrows(IllegalArgumentException.class,
                () -> RetrievalMetrics.precisionAtOne(NEIGHBOURS, QUERY_LABELS, DATABASE_LABELS, new int[] {1, 1}));
    }

    private static double recall(int k) {
        return RetrievalMetrics.recallAt(k, NEIGHBOURS, QUERY_LABELS, DATABASE_LABELS);
    }
}
