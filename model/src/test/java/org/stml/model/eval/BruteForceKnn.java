package org.stml.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * A brute-force double-precision k-NN oracle for tests. Points have small integer coordinates, so float32 products and
 * sums in the NDArray search are exact and distances can be compared for equality.
 */
final class BruteForceKnn {

    private BruteForceKnn() {}

    static float[] integerPoints(Random random, int count, int dimension, int bound) {
        float[] values = new float[count * dimension];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(2 * bound + 1) - bound;
        }
        return values;
    }

    static double squaredDistance(float[] a, int i, float[] b, int j, int dimension) {
        double sum = 0;
        for (int c = 0; c < dimension; c++) {
            double difference = (double) a[i * dimension + c] - b[j * dimension + c];
            sum += difference * difference;
        }
        return sum;
    }

    /**
     * Asserts that {@code result} is a correct k-NN answer: for every query, its distances equal the k smallest true
     * distances position by position, every returned index has exactly its reported distance, no index repeats and,
     * when {@code skipSelf}, the query is not among its neighbours. Ties may be broken either way.
     */
    static void assertValid(
            KnnResult result, float[] queries, float[] database, int dimension, int k, boolean skipSelf) {
        int queryCount = queries.length / dimension;
        int databaseCount = database.length / dimension;
        assertEquals(k, result.k());
        assertEquals(queryCount, result.queryCount());
        for (int q = 0; q < queryCount; q++) {
            double[] truth = new double[databaseCount];
            for (int j = 0; j < databaseCount; j++) {
                truth[j] = skipSelf && j == q
                        ? Double.POSITIVE_INFINITY
                        : squaredDistance(queries, q, database, j, dimension);
            }
            double[] sorted = truth.clone();
            Arrays.sort(sorted);
            Set<Integer> seen = new HashSet<>();
            for (int rank = 0; rank < k; rank++) {
                int index = result.index(q, rank);
                assertEquals(sorted[rank], result.distance(q, rank), 0.0, "query " + q + " rank " + rank);
                assertEquals(truth[index], result.distance(q, rank), 0.0, "query " + q + " index " + index);
                assertTrue(seen.add(index), "query " + q + " repeats index " + index);
                if (skipSelf) {
                    assertNotEquals(q, index);
                }
            }
        }
    }
}
