package org.stml.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.pooling.Pool;

/** The pooling of docs/ALGORITHM.md §2.2: global average pooling plus global max pooling of the last feature map. */
public final class GlobalPooling {

    private GlobalPooling() {}

    /**
     * Computes {@code h = GAP(x) + GMP(x)}, element-wise, flattened to one row per sample.
     *
     * @param featureMap the feature map, N×C×h×w
     * @return the pooled feature, N×C
     */
    public static NDArray averagePlusMax(NDArray featureMap) {
        try (NDArray average = Pool.globalAvgPool2d(featureMap);
                NDArray max = Pool.globalMaxPool2d(featureMap)) {
            return average.add(max);
        }
    }
}
