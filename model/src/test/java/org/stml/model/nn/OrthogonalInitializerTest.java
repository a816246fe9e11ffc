package org.stml.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrthogonalInitializerTest {

    private final OrthogonalInitializer initializer = new OrthogonalInitializer();
    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
        manager.getEngine().setRandomSeed(7);
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    /** Max |AᵀA − I| if the columns are to be orthonormal, max |AAᵀ − I| for the rows. */
    private float gramError(NDArray w, boolean columns) {
        NDArray gram = columns ? w.transpose().dot(w) : w.dot(w.transpose());
        return gram.sub(manager.eye(Math.toIntExact(gram.getShape().get(0)))).abs().max().getFloat();
    }

    @Test
    void tallWeightHasOrthonormalColumns() {
        NDArray w = initializer.initialize(manager, new Shape(1024, 512), DataType.FLOAT32);
        assertEquals(new Shape(1024, 512), w.getShape());
        assertTrue(gramError(w, true) < 1e-5f, "WᵀW − I = " + gramError(w, true));
    }

    @Test
    void wideWeightHasOrthonormalRows() {
        NDArray w = initializer.initialize(manager, new Shape(128, 512), DataType.FLOAT32);
        assertTrue(gramError(w, false) < 1e-5f, "WWᵀ − I = " + gramError(w, false));
    }

    @Test
    void largeWideWeightIsFastAndOrthonormal() {
        NDArray w = assertTimeout(
                Duration.ofSeconds(10), () -> initializer.initialize(manager, new Shape(1024, 2048), DataType.FLOAT32));
        assertTrue(gramError(w, false) < 1e-5f, "WWᵀ − I = " + gramError(w, false));
    }

    /** The result is the Q of G = QR with diag(R) > 0, G being the Gaussian drawn under the same seed. */
    @Test
    void matchesTheSignCorrectedQrOfTheSeededGaussian() {
        for (Shape shape : new Shape[] {new Shape(6, 4), new Shape(3, 5)}) {
            manager.getEngine().setRandomSeed(11);
            NDArray w = initializer.initialize(manager, shape, DataType.FLOAT32);
            manager.getEngine().setRandomSeed(11);
            NDArray gaussian = manager.randomNormal(shape);
            boolean tall = shape.get(0) >= shape.get(1);
            NDArray r = tall ? w.transpose().dot(gaussian) : w.dot(gaussian.transpose());
            float[][] rows = toRows(r);
            for (int i = 0; i < rows.length; i++) {
                assertTrue(rows[i][i] > 0, "diag(R) must be positive");
                for (int j = 0; j < i; j++) {
                    assertEquals(0f, rows[i][j], 1e-5f, "R must be upper triangular at " + i + "," + j);
                }
            }
        }
    }

    private static float[][] toRows(NDArray matrix) {
        int rows = Math.toIntExact(matrix.getShape().get(0));
        int cols = Math.toIntExact(matrix.getShape().get(1));
        float[] flat = matrix.toFloatArray();
        float[][] out = new float[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }

    @Test
    void sameSeedGivesTheSameWeight() {
        manager.getEngine().setRandomSeed(3);
        float[] first = initializer.initialize(manager, new Shape(64, 32), DataType.FLOAT32).toFloatArray();
        manager.getEngine().setRandomSeed(3);
        float[] second = initializer.initialize(manager, new Shape(64, 32), DataType.FLOAT32).toFloatArray();
        assertArrayEquals(first, second);
    }

    @Test
    void higherRankWeightsAreFlattenedAfterTheFirstAxis() {
        NDArray w = initializer.initialize(manager, new Shape(8, 2, 3, 3), DataType.FLOAT32);
        assertEquals(new Shape(8, 2, 3, 3), w.getShape());
        assertTrue(gramError(w.reshape(8, 18), false) < 1e-5f);
    }

    @Test
    void rejectsVectors() {
        assertThrows(
                IllegalArgumentException.class,
                () -> initializer.initialize(manager, new Shape(5), DataType.FLOAT32));
    }
}
