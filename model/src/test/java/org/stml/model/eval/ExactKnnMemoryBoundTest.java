package org.stml.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A larger search under a small block budget gives the same answer as one block over the whole matrix. */
class ExactKnnMemoryBoundTest {

    private static final int COUNT = 6_000;
    private static final int DIMENSION = 32;
    private static final int K = 16;
    private static final long SMALL_BUDGET = 200_000;

    @Test
    void smallBlocksEqualOneBlock() {
        BlockShape shape = BlockShape.of(SMALL_BUDGET, COUNT, COUNT);
        assertTrue(shape.queryRows() < COUNT && shape.databaseRows() < COUNT, "chunked both ways: " + shape);

        float[] values = BruteForceKnn.integerPoints(new Random(11), COUNT, DIMENSION, 100);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray points = manager.create(values, new Shape(COUNT, DIMENSION));
            KnnResult chunked = search(points, SMALL_BUDGET);
            KnnResult whole = search(points, (long) COUNT * COUNT);
            assertEquals(1, manager.getManagedArrays().size(), "only the input is left");

            assertArrayEquals(whole.distances(), chunked.distances());
            assertSameIndicesWhereUntied(whole, chunked);
            BruteForceKnn.assertValid(chunked, values, values, DIMENSION, K, true);
        }
    }

    private static KnnResult search(NDArray points, long chunkElements) {
        return ExactKnn.builder().optChunkElements(chunkElements).optExcludeSelf(true).build()
                .searchWithin(points, K);
    }

    /**
     * Indices must agree wherever the distance is not shared with a neighbouring rank of the same row. The last rank
     * is skipped: it may tie with the first candidate left out.
     */
    private static void assertSameIndicesWhereUntied(KnnResult expected, KnnResult actual) {
        int compared = 0;
        for (int q = 0; q < COUNT; q++) {
            for (int rank = 0; rank < K; rank++) {
                float distance = expected.distance(q, rank);
                boolean tiedBefore = rank > 0 && expected.distance(q, rank - 1) == distance;
                boolean tiedAfter = rank < K - 1 && expected.distance(q, rank + 1) == distance;
                if (!tiedBefore && !tiedAfter && rank < K - 1) {
                    assertEquals(expected.index(q, rank), actual.index(q, rank), "query " + q + " rank " + rank);
                    compared++;
                }
            }
        }
        assertTrue(compared > COUNT * (K - 1) * 9 / 10, "most positions are untied: " + compared);
    }
}
