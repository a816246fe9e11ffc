package org.stml.model.eval;

/**
 * A row-major copy of a point matrix in Java memory.
 *
 * @param values {@code count × dimension} coordinates
 * @param count the number of points
 * @param dimension the number of coordinates per point
 */
record HostPoints(float[] values, int count, int dimension) {

    /**
     * Returns the squared Euclidean distance between two points, in double precision.
     *
     * @param i one point
     * @param j another point
     * @return the squared distance
     */
    double squaredDistance(int i, int j) {
        double sum = 0;
        for (int c = 0; c < dimension; c++) {
            double difference = (double) values[i * dimension + c] - values[j * dimension + c];
            sum += difference * difference;
        }
        return sum;
    }

    /**
     * Copies some points into a new row-major array.
     *
     * @param indices the points to copy, in order
     * @return {@code indices.length × dimension} coordinates
     */
    float[] rows(int[] indices) {
        float[] rows = new float[indices.length * dimension];
        for (int r = 0; r < indices.length; r++) {
            System.arraycopy(values, indices[r] * dimension, rows, r * dimension, dimension);
        }
        return rows;
    }
}
