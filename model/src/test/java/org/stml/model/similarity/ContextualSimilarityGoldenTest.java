package org.stml.model.similarity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stml.model.golden.GoldenBatch;
import org.stml.model.golden.GoldenCase;

class ContextualSimilarityGoldenTest {

    private static final double W_RELATIVE_TOLERANCE = 1e-4;
    private static final double ROW_TOLERANCE = 1e-4; // docs/ALGORITHM.md §12 gives W^P, W^C rows to 4 decimals

    private NDManager manager;

    static GoldenCase[] cases() {
        return new GoldenCase[] {GoldenCase.caseA(), GoldenCase.caseB()};
    }

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reproducesGoldenPseudoLabels(GoldenCase golden) {
        ContextualSimilarity similarity = ContextualSimilarity.builder().optNumNeighbors(golden.numNeighbors()).build();
        try (ContextualSimilarity.Components w = similarity.computeComponents(
                GoldenBatch.teacher(manager), GoldenBatch.datasetIndex(manager))) {
            assertRelativelyClose(golden.combined(), w.combined().toFloatArray(), W_RELATIVE_TOLERANCE, "W");
            assertClose(golden.contextualRow0(), row0(w.contextual()), ROW_TOLERANCE, "W^C row 0");
            if (golden.pairwiseRow0() != null) {
                assertClose(golden.pairwiseRow0(), row0(w.pairwise()), ROW_TOLERANCE, "W^P row 0");
            }
        }
    }

    @Test
    void derivesContextAndExpansionSizesWithHalfEvenRounding() {
        assertEquals(10, ContextualSimilarity.builder().build().contextSize());
        assertEquals(5, ContextualSimilarity.builder().build().expansionSize());
        assertEquals(2, ContextualSimilarity.builder().optNumNeighbors(2).build().expansionSize());
        // k = 5 (one view): NumPy rounds 2.5 to 2, Math.round would give 3
        assertEquals(2, ContextualSimilarity.builder().optNumNeighbors(5).optViews(1).build().expansionSize());
    }

    @Test
    void pseudoLabelsAreSymmetricAndInUnitInterval() {
        NDArray teacher = manager.randomNormal(new Shape(40, 16));
        NDArray index = manager.arange(0, 20, 1, ai.djl.ndarray.types.DataType.INT64).tile(2);
        try (NDArray w = ContextualSimilarity.builder().build().compute(teacher, index)) {
            float[] values = w.toFloatArray();
            for (int i = 0; i < 40; i++) {
                for (int j = 0; j < 40; j++) {
                    assertEquals(values[i * 40 + j], values[j * 40 + i], 1e-6, "W symmetric at " + i + "," + j);
                    assertEquals(0.5, values[i * 40 + j], 0.5 + 1e-6);
                }
            }
        }
    }

    @Test
    void duplicatedImagesAreDeterministicUnderTheTieRule() {
        NDArray teacher = manager.randomNormal(new Shape(12, 8));
        // image 0 appears three times per view, as the NN sampler can produce
        NDArray index = manager.create(new long[] {0, 1, 0, 2, 0, 3, 0, 1, 0, 2, 0, 3});
        ContextualSimilarity similarity = ContextualSimilarity.builder().optNumNeighbors(2).build();
        float[] first = similarity.compute(teacher, index).toFloatArray();
        float[] second = similarity.compute(teacher, index).toFloatArray();
        assertArrayEquals(first, second, 0f);
    }

    @Test
    void imagesDuplicatedBeyondTheNeighbourhoodKeepThemselvesAndFiniteLabels() {
        // image 0 fills 8 of 16 rows (k = 4): more copies tie at S = 1 than top-k can hold
        NDArray teacher = manager.randomNormal(new Shape(16, 8));
        NDArray index = manager.create(new long[] {0, 0, 1, 0, 2, 0, 3, 4, 0, 0, 1, 0, 2, 0, 3, 4});
        ContextualSimilarity similarity = ContextualSimilarity.builder().optNumNeighbors(2).build();
        try (ContextualSimilarity.Components w = similarity.computeComponents(teacher, index)) {
            float[] combined = w.combined().toFloatArray();
            float[] contextual = w.contextual().toFloatArray();
            for (int i = 0; i < 16; i++) {
                for (int j = 0; j < 16; j++) {
                    assertTrue(Float.isFinite(combined[i * 16 + j]), "W finite at " + i + "," + j);
                }
                assertTrue(contextual[i * 16 + i] > 0, "row " + i + " keeps itself in its reciprocal set");
            }
        }
    }

    @Test
    void refusesBatchesSmallerThanTheNeighbourhood() {
        NDArray teacher = manager.randomNormal(new Shape(6, 4));
        NDArray index = manager.create(new long[] {0, 1, 2, 0, 1, 2});
        ContextualSimilarity similarity = ContextualSimilarity.builder().optNumNeighbors(5).build();
        assertThrows(IllegalArgumentException.class, () -> similarity.compute(teacher, index));
    }

    private static float[] row0(NDArray matrix) {
        return Arrays.copyOf(matrix.toFloatArray(), GoldenBatch.ROWS);
    }

    static void assertRelativelyClose(double[] expected, float[] actual, double relative, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * Math.abs(expected[i]), what + " entry " + i);
        }
    }

    static void assertClose(double[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + " entry " + i);
        }
    }
}
