package org.stml.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Orthogonal initialisation, as PyTorch's {@code nn.init.orthogonal_} with gain 1.
 *
 * <p>The weight is viewed as a matrix of {@code rows = shape[0]} by {@code cols = size / rows}. A standard Gaussian
 * matrix of that shape is drawn with {@link NDManager#randomNormal(Shape, DataType)}, so the engine seed makes it
 * reproducible. Its tall orientation (transposed if {@code rows < cols}) is QR-decomposed in double precision by
 * modified Gram-Schmidt, and Q is transposed back if needed. Gram-Schmidt yields the QR factorisation whose R has a
 * positive diagonal, which is exactly the sign correction {@code Q · sign(diag(R))} PyTorch applies. The result has
 * orthonormal columns when {@code rows ≥ cols} (WᵀW = I, an isometry) and orthonormal rows otherwise (WWᵀ = I).
 */
public final class OrthogonalInitializer implements Initializer {

    private static final int UNROLL = 4;

    /** {@inheritDoc} */
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        if (shape.dimension() < 2) {
            throw new IllegalArgumentException("Orthogonal init needs at least 2 dimensions, got " + shape);
        }
        int rows = Math.toIntExact(shape.get(0));
        int cols = Math.toIntExact(shape.size() / rows);
        float[] gaussian;
        try (NDArray draw = manager.randomNormal(new Shape(rows, cols), DataType.FLOAT32)) {
            gaussian = draw.toFloatArray();
        }
        TallView view = new TallView(rows, cols);
        double[][] columns = view.columnsOf(gaussian);
        orthonormalize(columns);
        NDArray weight = manager.create(view.matrixOf(columns), shape);
        if (dataType == DataType.FLOAT32) {
            return weight;
        }
        try (weight) {
            return weight.toType(dataType, true);
        }
    }

    /**
     * Orthonormalises the columns in place by modified Gram-Schmidt: column k is normalised, then projected out of
     * every later column. The columns end up as the Q of the QR factorisation with a positive diagonal in R.
     */
    private static void orthonormalize(double[][] columns) {
        for (int k = 0; k < columns.length; k++) {
            double[] q = columns[k];
            scale(q, 1.0 / Math.sqrt(dot(q, q)));
            for (int j = k + 1; j < columns.length; j++) {
                subtractProjection(q, columns[j]);
            }
        }
    }

    private static void subtractProjection(double[] unit, double[] column) {
        double r = dot(unit, column);
        for (int i = 0; i < column.length; i++) {
            column[i] -= r * unit[i];
        }
    }

    private static void scale(double[] v, double factor) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + UNROLL <= a.length; i += UNROLL) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The tall orientation of a row-major rows×cols matrix: its columns, or its rows when it is wide. */
    private static final class TallView {

        private final int cols;
        private final boolean wide;
        private final int length;
        private final int count;

        TallView(int rows, int cols) {
            this.cols = cols;
            this.wide = rows < cols;
            this.length = Math.max(rows, cols);
            this.count = Math.min(rows, cols);
        }

        double[][] columnsOf(float[] matrix) {
            double[][] columns = new double[count][length];
            for (int k = 0; k < count; k++) {
                for (int i = 0; i < length; i++) {
                    columns[k][i] = matrix[index(k, i)];
                }
            }
            return columns;
        }

        float[] matrixOf(double[][] columns) {
            float[] matrix = new float[count * length];
            for (int k = 0; k < count; k++) {
                for (int i = 0; i < length; i++) {
                    matrix[index(k, i)] = (float) columns[k][i];
                }
            }
            return matrix;
        }

        /** Row-major index of element i of tall column k. */
        private int index(int k, int i) {
            return wide ? k * cols + i : i * cols + k;
        }
    }
}
