package org.stml.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class GlobalPoolingTest {

    @Test
    void sumsAveragePoolingAndMaxPoolingPerChannel() {
        // sample 0, channel 0: [[1, -2], [3, 0]] -> mean 0.5, max 3 -> 3.5
        // sample 0, channel 1: [[-1, -1], [-4, -2]] -> mean -2, max -1 -> -3
        // sample 1, channel 0: [[2, 2], [2, 2]] -> 2 + 2 = 4
        // sample 1, channel 1: [[0, 8], [-8, 4]] -> mean 1, max 8 -> 9
        float[] values = {1, -2, 3, 0, -1, -1, -4, -2, 2, 2, 2, 2, 0, 8, -8, 4};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray featureMap = manager.create(values, new Shape(2, 2, 2, 2));
            NDArray pooled = GlobalPooling.averagePlusMax(featureMap);
            assertEquals(new Shape(2, 2), pooled.getShape());
            assertArrayEquals(new float[] {3.5f, -3f, 4f, 9f}, pooled.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void nonSquareMapsPoolOverBothSpatialAxes() {
        // one sample, one channel, 1×3: mean 2, max 4
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray featureMap = manager.create(new float[] {4, 0, 2}, new Shape(1, 1, 1, 3));
            assertArrayEquals(new float[] {6f}, GlobalPooling.averagePlusMax(featureMap).toFloatArray(), 1e-6f);
        }
    }
}
