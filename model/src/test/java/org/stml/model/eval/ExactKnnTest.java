package org.stml.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExactKnnTest {

    private static final int DIMENSION = 16;
    private static final int QUERIES = 700;
    private static final int DATABASE = 900;
    private static final int BOUND = 200;

    private static NDManager manager;
    private static float[] queryValues;
    private static float[] databaseValues;
    private static NDArray queries;
    private static NDArray database;

    @BeforeAll
    static void createData() {
        manager = NDManager.newBaseManager();
        Random random = new Random(7);
        queryValues = BruteForceKnn.integerPoints(random, QUERIES, DIMENSION, BOUND);
        databaseValues = BruteForceKnn.integerPoints(random, DATABASE, DIMENSION, BOUND);
        queries = manager.create(queryValues, new Shape(QUERIES, DIMENSION));
        database = manager.create(databaseValues, new Shape(DATABASE, DIMENSION));
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    // 4,999 elements: 70 × 71 blocks, dividing neither 700 nor 900, and k = 80 > 71 columns per block.
    // 10,000 and 123,457: uneven blocks; 630,000: exactly one block; Long.MAX_VALUE: one block.
    @ParameterizedTest
    @ValueSource(longs = {4_999, 10_000, 123_457, 630_000, Long.MAX_VALUE})
    void separateSetsMatchBruteForce(long chunkElements) {
        ExactKnn knn = ExactKnn.builder().optChunkElements(chunkElements).optExcludeSelf(true).build();
        for (int k : new int[] {1, 10, 80}) {
            KnnResult result = knn.search(queries, database, k);
            BruteForceKnn.assertValid(result, queryValues, databaseValues, DIMENSION, k, false);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4_999, 123_457, 810_000})
    void searchWithinExcludesSelfByIndex(long chunkElements) {
        ExactKnn knn = ExactKnn.builder().optChunkElements(chunkElements).optExcludeSelf(true).build();
        for (int k : new int[] {1, 80}) {
            KnnResult result = knn.searchWithin(database, k);
            BruteForceKnn.assertValid(result, databaseValues, databaseValues, DIMENSION, k, true);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4_999, 123_457, 810_000})
    void searchWithinIncludesSelfByDefault(long chunkElements) {
        KnnResult result = ExactKnn.builder().optChunkElements(chunkElements).build().searchWithin(database, 5);
        BruteForceKnn.assertValid(result, databaseValues, databaseValues, DIMENSION, 5, false);
        for (int i = 0; i < DATABASE; i++) {
            assertEquals(i, result.index(i, 0), "row " + i + " is its own nearest neighbour");
            assertEquals(0f, result.distance(i, 0));
        }
    }

    @Test
    void allCandidatesCanBeRequested() {
        ExactKnn knn = ExactKnn.builder().optChunkElements(90_000).optExcludeSelf(true).build();
        KnnResult result = knn.searchWithin(database, DATABASE - 1);
        BruteForceKnn.assertValid(result, databaseValues, databaseValues, DIMENSION, DATABASE - 1, true);
    }

    @Test
    void exactDuplicatesStayNeighboursWhenSelfIsExcluded() {
        // rows 0, 1 and 2 coincide; row 3 is elsewhere. Excluding by index keeps the twins at distance 0.
        float[] values = {1, 2, 1, 2, 1, 2, 5, 5};
        try (NDManager local = NDManager.newBaseManager()) {
            NDArray points = local.create(values, new Shape(4, 2));
            for (long chunkElements : new long[] {1, 2, 3, 16}) {
                KnnResult result = ExactKnn.builder().optChunkElements(chunkElements).optExcludeSelf(true).build()
                        .searchWithin(points, 2);
                for (int row = 0; row < 3; row++) {
                    int self = row;
                    int[] twins = {result.index(row, 0), result.index(row, 1)};
                    Arrays.sort(twins);
                    int[] expected = IntStream.range(0, 3).filter(i -> i != self).toArray();
                    assertArrayEquals(expected, twins, "row " + row + ", chunk " + chunkElements);
                    assertEquals(0f, result.distance(row, 1));
                }
                // row 3: squared distance to (1, 2) is 16 + 9 = 25
                assertEquals(25f, result.distance(3, 0));
            }
        }
    }

    @Test
    void closesEveryArrayItCreates() {
        int before = manager.getManagedArrays().size();
        ExactKnn.builder().optChunkElements(4_999).optExcludeSelf(true).build().searchWithin(database, 7);
        ExactKnn.builder().optChunkElements(50_000).build().search(queries, database, 3);
        assertEquals(before, manager.getManagedArrays().size());
        assertTrue(queries.getShape().equals(new Shape(QUERIES, DIMENSION)), "input left intact");
    }

    @Test
    void rejectsBadArguments() {
        ExactKnn excluding = ExactKnn.builder().optExcludeSelf(true).build();
        assertThrows(IllegalArgumentException.class, () -> excluding.searchWithin(database, DATABASE));
        assertThrows(IllegalArgumentException.class, () -> excluding.search(queries, database, 0));
        assertThrows(IllegalArgumentException.class, () -> excluding.search(queries, database, DATABASE + 1));
        try (NDManager local = NDManager.newBaseManager()) {
            NDArray doubles = local.zeros(new Shape(3, DIMENSION), DataType.FLOAT64);
            assertThrows(IllegalArgumentException.class, () -> excluding.search(doubles, database, 1));
            NDArray narrow = local.zeros(new Shape(3, DIMENSION - 1));
            assertThrows(IllegalArgumentException.class, () -> excluding.search(narrow, database, 1));
        }
        assertThrows(IllegalArgumentException.class, () -> ExactKnn.builder().optChunkElements(0));
    }

    @Test
    void blockShapesRespectTheBudget() {
        long[] budgets = {1, 2, 997, 10_000, 1L << 24, Long.MAX_VALUE};
        int[][] sizes = {{1, 1}, {700, 900}, {60_000, 60_000}, {3, 1_000_000}, {1_000_000, 5}};
        for (long budget : budgets) {
            for (int[] size : sizes) {
                BlockShape shape = BlockShape.of(budget, size[0], size[1]);
                String context = budget + " for " + size[0] + " × " + size[1] + ": " + shape;
                assertTrue(shape.queryRows() >= 1 && shape.queryRows() <= size[0], context);
                assertTrue(shape.databaseRows() >= 1 && shape.databaseRows() <= size[1], context);
                assertTrue((long) shape.queryRows() * shape.databaseRows() <= budget, context);
            }
        }
        // 60k × 60k with the default budget: square 4096 × 4096 blocks
        assertEquals(new BlockShape(4096, 4096), BlockShape.of(ExactKnn.DEFAULT_CHUNK_ELEMENTS, 60_000, 60_000));
        // a narrow side lets the other grow
        assertEquals(new BlockShape(3, 1_000_000), BlockShape.of(ExactKnn.DEFAULT_CHUNK_ELEMENTS, 3, 1_000_000));
        assertEquals(new BlockShape(3_355_443, 5), BlockShape.of(ExactKnn.DEFAULT_CHUNK_ELEMENTS, 10_000_000, 5));
    }
}
