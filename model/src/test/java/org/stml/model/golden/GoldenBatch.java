package org.stml.model.golden;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The inputs of the golden test vectors of docs/ALGORITHM.md §12: N = 8 (B = 4, V = 2), computed in double, cast to
 * float.
 */
public final class GoldenBatch {

    /** Rows in the golden batch. */
    public static final int ROWS = 8;

    private GoldenBatch() {}

    /** s_f[i][d] = sin(1 + 0.37·i + 0.91·d), d = 0..3. */
    public static NDArray studentLow(NDManager manager) {
        return matrix(manager, 4, (i, d) -> Math.sin(1 + 0.37 * i + 0.91 * d));
    }

    /** s_g[i][d] = cos(0.5 + 0.23·i + 0.67·d), d = 0..5. */
    public static NDArray studentHigh(NDManager manager) {
        return matrix(manager, 6, (i, d) -> Math.cos(0.5 + 0.23 * i + 0.67 * d));
    }

    /** t_g[i][d] = sin(0.3 + 0.41·i − 0.77·d) + 0.1·d, d = 0..5. */
    public static NDArray teacher(NDManager manager) {
        return matrix(manager, 6, (i, d) -> Math.sin(0.3 + 0.41 * i - 0.77 * d) + 0.1 * d);
    }

    /** idx = [0, 1, 2, 3, 0, 1, 2, 3]: two views of four images, view-major. */
    public static NDArray datasetIndex(NDManager manager) {
        return manager.create(new long[] {0, 1, 2, 3, 0, 1, 2, 3});
    }

    private static NDArray matrix(NDManager manager, int columns, Entry entry) {
        float[] values = new float[ROWS * columns];
        for (int i = 0; i < ROWS; i++) {
            for (int d = 0; d < columns; d++) {
                values[i * columns + d] = (float) entry.value(i, d);
            }
        }
        return manager.create(values, new Shape(ROWS, columns));
    }

    @FunctionalInterface
    private interface Entry {
        double value(int row, int column);
    }
}
