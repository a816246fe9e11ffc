package org.stml.model.loss;

import ai.djl.ndarray.NDArray;

/**
 * Pairwise Euclidean distances divided by their row mean (docs/ALGORITHM.md §4.1): d̃_ij = d_ij / ((1/N) Σ_l d_il).
 *
 * <p>The row mean runs over all N entries, the zero diagonal included. Distances are computed as
 * √max(‖a‖² + ‖b‖² − 2a·b, 0) on a masked argument, so that every zero distance — the diagonal, and exact
 * duplicates — has distance exactly 0 and gradient exactly 0 instead of NaN (docs/ALGORITHM.md §13.1). Student
 * embeddings are used raw, never normalised.
 */
public final class RelativeDistances {

    private static final float MEAN_FLOOR = 1e-12f;

    private RelativeDistances() {}

    /**
     * Returns the Euclidean distance matrix with a zero diagonal and a zero gradient wherever the distance is 0.
     *
     * @param embeddings N × D embeddings (gradients flow through them)
     * @return N × N distances, attached to the embeddings' manager
     */
    public static NDArray distances(NDArray embeddings) {
        NDArray squaredNorms = embeddings.square().sum(new int[] {1}, true);
        NDArray squared = squaredNorms
                .add(squaredNorms.transpose())
                .sub(embeddings.matMul(embeddings.transpose()).mul(2))
                .maximum(0f);
        long rows = embeddings.getShape().get(0);
        NDArray positive = squared.stopGradient().gt(0f).toType(squared.getDataType(), false)
                .mul(offDiagonal(embeddings, rows));
        NDArray safe = squared.mul(positive).add(positive.neg().add(1f));
        return safe.sqrt().mul(positive);
    }

    /**
     * Returns d̃, each row of the distance matrix divided by its own mean over all N entries.
     *
     * @param embeddings N × D embeddings (gradients flow through them)
     * @return N × N relative distances (asymmetric), attached to the embeddings' manager
     */
    public static NDArray of(NDArray embeddings) {
        NDArray distances = distances(embeddings);
        NDArray rowMean = distances.mean(new int[] {1}, true).maximum(MEAN_FLOOR);
        return distances.div(rowMean);
    }

    /**
     * Returns a constant matrix with 0 on the diagonal and 1 elsewhere.
     *
     * @param like an array whose manager and data type the mask takes
     * @param rows N
     * @return the N × N mask
     */
    static NDArray offDiagonal(NDArray like, long rows) {
        return like.getManager().eye(Math.toIntExact(rows)).toType(like.getDataType(), false).neg().add(1f);
    }
}
