package org.stml.model.eval;

import ai.djl.ndarray.NDArray;

/** Pairwise squared Euclidean distances between the rows of two matrices, as one matrix product. */
final class SquaredDistances {

    private SquaredDistances() {}

    /**
     * Computes {@code ‖a_i‖² + ‖b_j‖² − 2 a_i·b_j}, clamped at zero. Every intermediate array, and the result, is
     * attached to the manager of {@code a}; give {@code a} and {@code b} the same short-lived manager.
     *
     * @param a shape (m, d)
     * @param b shape (n, d)
     * @return shape (m, n)
     */
    static NDArray between(NDArray a, NDArray b) {
        NDArray aNorms = a.square().sum(new int[] {1}, true);
        NDArray bNorms = b.square().sum(new int[] {1}).reshape(1, -1);
        NDArray products = a.matMul(b.transpose());
        return aNorms.add(bNorms).sub(products.mul(2f)).maximum(0f);
    }
}
