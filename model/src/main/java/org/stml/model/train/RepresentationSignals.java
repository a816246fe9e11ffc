package org.stml.model.train;

import ai.djl.ndarray.NDArray;

/**
 * Cheap per-batch signals of representation health, watched for collapse: the spread of the student's embeddings and
 * the entropy of the teacher's soft pseudo-labels W.
 */
public final class RepresentationSignals {

    private RepresentationSignals() {}

    /**
     * Returns the mean Euclidean distance between the L2-normalised rows of a batch of embeddings, over all ordered
     * pairs of distinct rows: 0 when every row points the same way (collapse), √2 for orthogonal rows, at most 2.
     *
     * @param embeddings N × D, N ≥ 2 (not closed; intermediate arrays are closed)
     * @return the mean pairwise distance, NaN for fewer than two rows
     */
    public static double embeddingSpread(NDArray embeddings) {
        long rows = embeddings.getShape().get(0);
        if (rows < 2) {
            return Double.NaN;
        }
        try (NDArray norms = embeddings.norm(new int[] {1}, true);
                NDArray unit = embeddings.div(norms.maximum(1e-12f));
                NDArray gram = unit.matMul(unit.transpose());
                NDArray squared = gram.mul(-2f).add(2f).maximum(0f);
                NDArray distances = squared.sqrt();
                NDArray eye = embeddings.getManager().eye((int) rows);
                NDArray offDiagonal = distances.mul(eye.neg().add(1f));
                NDArray sum = offDiagonal.sum()) {
            return sum.getFloat() / (rows * (rows - 1));
        }
    }

    /**
     * Returns the mean entropy of the soft pseudo-labels, in bits: each off-diagonal entry w of W is the teacher's
     * probability that the pair shows the same thing, with binary entropy H(w) = −w log₂ w − (1 − w) log₂(1 − w).
     * Near 1 when every pair sits near ½ (an uninformative teacher: no structure), near 0 when every pair is labelled
     * a sure positive (collapse: the teacher embeds everything alike); a teacher that separates neighbours from the
     * rest lies between.
     *
     * @param target W, row-major N × N, entries in [0, 1] (clamped)
     * @param rows N, at least 2
     * @return the mean over the N (N − 1) off-diagonal entries, in [0, 1]
     * @throws IllegalArgumentException if the array is not N × N or N < 2
     */
    public static double pseudoLabelEntropy(float[] target, int rows) {
        if (rows < 2 || target.length != rows * rows) {
            throw new IllegalArgumentException("W must be N x N with N >= 2, got " + target.length + " entries for N = "
                    + rows);
        }
        double total = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                if (i != j) {
                    total += binaryEntropy(Math.min(1, Math.max(0, target[i * rows + j])));
                }
            }
        }
        return total / ((double) rows * (rows - 1));
    }

    private static double binaryEntropy(double p) {
        if (p <= 0 || p >= 1) {
            return 0;
        }
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
    }
}
