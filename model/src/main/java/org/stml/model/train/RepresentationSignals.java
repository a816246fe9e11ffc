package org.stml.model.train;

import ai.djl.ndarray.NDArray;

/**
 * Cheap per-batch signals of representation health, watched for collapse: the spread of the student's embeddings and
 * the entropy of the teacher's soft pseudo-labels.
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
     * Returns the mean normalised entropy of the rows of W, each row without its diagonal turned into a distribution
     * (divided by its sum): 1 when a row weighs every other image equally (no structure, or a uniform collapse), 0
     * when it puts all weight on one neighbour. Rows whose off-diagonal sum is 0 count as entropy 0.
     *
     * @param target W, row-major N × N, entries ≥ 0
     * @param rows N, at least 3
     * @return the mean of H(row) / ln(N − 1), in [0, 1]
     */
    public static double pseudoLabelEntropy(float[] target, int rows) {
        if (rows < 3 || target.length != rows * rows) {
            throw new IllegalArgumentException("W must be N x N with N >= 3, got " + target.length + " entries for N = "
                    + rows);
        }
        double total = 0;
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = 0; j < rows; j++) {
                sum += j == i ? 0 : target[i * rows + j];
            }
            double entropy = 0;
            for (int j = 0; j < rows && sum > 0; j++) {
                double p = j == i ? 0 : target[i * rows + j] / sum;
                entropy -= p > 0 ? p * Math.log(p) : 0;
            }
            total += entropy / Math.log(rows - 1);
        }
        return total / rows;
    }
}
