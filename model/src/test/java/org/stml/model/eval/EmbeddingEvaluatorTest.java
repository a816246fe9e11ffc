package org.stml.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Known answers on eight points of a line (second coordinate constant), squared Euclidean, self excluded. Every query
 * ranks the seven others without ties.
 *
 * <pre>
 * index  0    1    2    3    4    5     6    7
 * x      0    1    2.5  4.5  7    10.5  15   22
 * label  A    A    B    B    A    C     B    A        A: 4 items (R = 3), B: 3 (R = 2), C: 1 (lone, R = 0)
 *
 * query  neighbours by distance   their labels    first hit  rel in first R
 *   0    1 2 3 4 5 6 7            A B B A C B A   1          1 0 0
 *   1    0 2 3 4 5 6 7            A B B A C B A   1          1 0 0
 *   2    1 3 0 4 5 6 7            A B A A C B A   2          0 1
 *   3    2 4 1 0 5 6 7            B A A A C B A   1          1 0
 *   4    3 5 2 1 0 6 7            B C B A A B A   4          0 0 0
 *   5    4 6 3 2 1 0 7            A B B B A A A   never      lone
 *   6    5 7 4 3 2 1 0            C A A B B A A   4          0 0
 *   7    6 5 4 3 2 1 0            B C A B B A A   3          0 0 1
 *
 * recall (all 8 queries): R@1 = 3/8, R@2 = 4/8, R@4 = 7/8, R@8 = 7/8 (only 7 others exist)
 * precision_at_1 (7 non-lone): queries 0, 1, 3 → 3/7
 * r_precision: 1/3 + 1/3 + 1/2 + 1/2 + 0 + 0 + 1/3 = 2 → 2/7
 * MAP@R: 1/3 + 1/3 + (1/2)(1/2) + 1/2 + 0 + 0 + (1/3)(1/3) = 55/36 → 55/252
 * </pre>
 */
class EmbeddingEvaluatorTest {

    private static final float[] X = {0, 1, 2.5f, 4.5f, 7, 10.5f, 15, 22};
    private static final int[] LABELS = {0, 0, 1, 1, 0, 2, 1, 0};

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void knownAnswersOnALine() {
        NDArray embeddings = line();
        for (long chunkElements : new long[] {1, 5, 64}) {
            EvaluationResult result = EmbeddingEvaluator.builder()
                    .optComputeNmi(false)
                    .optChunkElements(chunkElements)
                    .build()
                    .evaluate(embeddings, LABELS);
            assertEquals(3.0 / 8, result.recallAt(1), 1e-12);
            assertEquals(4.0 / 8, result.recallAt(2), 1e-12);
            assertEquals(7.0 / 8, result.recallAt(4), 1e-12);
            assertEquals(7.0 / 8, result.recallAt(8), 1e-12);
            assertEquals(3.0 / 7, result.precisionAtOne(), 1e-12);
            assertEquals(2.0 / 7, result.rPrecision(), 1e-12);
            assertEquals(55.0 / 252, result.meanAveragePrecisionAtR(), 1e-12);
            assertTrue(result.nmi().isEmpty());
        }
        assertEquals(1, manager.getManagedArrays().size(), "only the input is left");
    }

    @Test
    void metricNamesAndOrderFollowPytorchMetricLearning() {
        EvaluationResult result = EmbeddingEvaluator.builder()
                .optRecallKs(100, 1, 10, 1000, 10)
                .build()
                .evaluate(line(), LABELS);
        assertEquals(List.of("recall_at_1", "recall_at_10", "recall_at_100", "recall_at_1000", "precision_at_1",
                "r_precision", "mean_average_precision_at_r", "NMI"), List.copyOf(result.metrics().keySet()));
        assertEquals(7.0 / 8, result.recallAt(1000), 1e-12);
        double nmi = result.nmi().orElseThrow();
        assertTrue(nmi >= 0 && nmi <= 1, "NMI " + nmi);
        assertThrows(IllegalArgumentException.class, () -> result.recallAt(2));
        assertThrows(UnsupportedOperationException.class, () -> result.metrics().put("x", 1.0));
    }

    @Test
    void perfectEmbeddingScoresOneEverywhere() {
        int classes = 5;
        int perClass = 12;
        int dimension = 4;
        Random random = new Random(1);
        float[] values = new float[classes * perClass * dimension];
        int[] labels = new int[classes * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % classes;
            for (int j = 0; j < dimension; j++) {
                float centre = (labels[i] * 7 + j * 3) % 11 * 20f;
                values[i * dimension + j] = centre + (float) random.nextGaussian() * 0.1f;
            }
        }
        EvaluationResult result = EmbeddingEvaluator.builder()
                .optSeed(3)
                .build()
                .evaluate(manager.create(values, new Shape(labels.length, dimension)), labels);
        for (double value : result.metrics().values()) {
            assertEquals(1.0, value, 1e-9, result.toString());
        }
    }

    @Test
    void rejectsMismatchedInput() {
        EmbeddingEvaluator evaluator = EmbeddingEvaluator.builder().build();
        assertThrows(IllegalArgumentException.class, () -> evaluator.evaluate(line(), new int[] {0, 1}));
        NDArray single = manager.create(new float[] {1, 2}, new Shape(1, 2));
        assertThrows(IllegalArgumentException.class, () -> evaluator.evaluate(single, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingEvaluator.builder().optRecallKs());
        assertThrows(IllegalArgumentException.class, () -> EmbeddingEvaluator.builder().optRecallKs(1, 0));
    }

    private NDArray line() {
        float[] values = new float[X.length * 2];
        for (int i = 0; i < X.length; i++) {
            values[2 * i] = X[i];
            values[2 * i + 1] = 3;
        }
        return manager.create(values, new Shape(X.length, 2));
    }
}
