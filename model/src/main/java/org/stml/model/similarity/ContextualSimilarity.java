package org.stml.model.similarity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;

/**
 * Computes STML's contextualized semantic similarity W (docs/ALGORITHM.md §3) from teacher embeddings.
 *
 * <p>For N rows with teacher outputs t and dataset indices idx:
 *
 * <ol>
 *   <li>W^P = exp(−‖ẑ_i − ẑ_j‖² / σ) on the L2-normalised ẑ = t / max(‖t‖, 1e-12);
 *   <li>S = W^P with S_ij = 1 wherever idx[i] = idx[j] (the same-image boost, by dataset index, so duplicated
 *       images in a batch are handled);
 *   <li>the k nearest columns of each row under S, k = numNeighbors × views; R = mutual k-NN;
 *   <li>C_ij = |R(i) ∩ R(j)| / |R(i)| for j ∈ R(i), else 0 (asymmetric);
 *   <li>query expansion over the h = round-half-even(k/2) most similar rows: Ĉ_i = mean of C_q, q ∈ Q(i);
 *   <li>W^C = (Ĉ + Ĉᵀ)/2 and W = (W^P + W^C)/2.
 * </ol>
 *
 * <p><b>Tie rule</b> (docs/ALGORITHM.md §3.7, defect D10 of §14): row i ranks itself first, then the other columns by
 * S, ties broken towards the lower column index. Ranking itself first keeps i ∈ R(i) and i ∈ Q(i) even when an image
 * occurs in the batch more than k/V times and more than k columns tie at S = 1 (the nearest-neighbour sampler produces
 * such batches); under a plain lower-index rule row i could then lose itself, leaving R(i) empty and C undefined (0/0).
 * Without such duplicates the neighbour sets are those of the reference. The rule is applied on the device: the ranking
 * key is S in double precision, minus j·2⁻⁴⁵, plus 1 on the diagonal; the offsets keep every strict order of the
 * float32 values (they differ by at least 2⁻²⁵ in [0.26, 1]). Everything is vectorised; no per-row loops. Instances are
 * immutable and thread-safe.
 */
public final class ContextualSimilarity {

    /** Largest batch for which the tie-breaking key is exact. */
    public static final int MAX_ROWS = 1 << 16;

    private static final double TIE_STEP = Math.scalb(1.0, -45);
    private static final float NORM_FLOOR = 1e-12f;

    private final float sigma;
    private final int numNeighbors;
    private final int views;

    private ContextualSimilarity(Builder builder) {
        this.sigma = builder.sigma;
        this.numNeighbors = builder.numNeighbors;
        this.views = builder.views;
    }

    /**
     * Returns a builder with the paper's CUB/Cars defaults (σ = 3, nn = 5, two views).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the contextual neighbourhood size k = nn × views.
     *
     * @return k
     */
    public int contextSize() {
        return numNeighbors * views;
    }

    /**
     * Returns the query-expansion size h = round-half-even(k / 2) (NumPy rounding, not {@code Math.round}).
     *
     * @return h, at least 1
     */
    public int expansionSize() {
        return Math.max(1, (int) Math.rint(contextSize() / 2.0));
    }

    /**
     * Returns the Gaussian kernel width σ.
     *
     * @return σ
     */
    public float sigma() {
        return sigma;
    }

    /**
     * Computes W, the soft pseudo-labels, for one batch.
     *
     * @param teacher the teacher's {@code g} outputs, N × D (not normalised; not modified, not closed)
     * @param datasetIndex the dataset index of each row, a vector of N integers
     * @return W, N × N, float32, attached to {@code teacher}'s manager; the caller closes it
     */
    public NDArray compute(NDArray teacher, NDArray datasetIndex) {
        Components components = computeComponents(teacher, datasetIndex);
        components.pairwise().close();
        components.contextual().close();
        return components.combined();
    }

    /**
     * Computes W together with its parts W^P and W^C, for tests and monitoring.
     *
     * @param teacher the teacher's {@code g} outputs, N × D (not modified, not closed)
     * @param datasetIndex the dataset index of each row, a vector of N integers
     * @return the three matrices, attached to {@code teacher}'s manager; the caller closes them
     */
    public Components computeComponents(NDArray teacher, NDArray datasetIndex) {
        int rows = validate(teacher, datasetIndex);
        try (NDScope scope = new NDScope()) {
            NDArray pairwise = pairwiseSimilarity(teacher.stopGradient());
            NDArray selection = pairwise.maximum(sameImage(datasetIndex));
            NDArray contextual = contextualSimilarity(rankingKey(selection, rows));
            NDArray combined = pairwise.add(contextual).div(2);
            Components result = new Components(pairwise, contextual, combined);
            result.unregisterFrom();
            return result;
        }
    }

    private int validate(NDArray teacher, NDArray datasetIndex) {
        if (teacher.getShape().dimension() != 2) {
            throw new IllegalArgumentException("teacher embeddings must be N x D, got " + teacher.getShape());
        }
        int rows = Math.toIntExact(teacher.getShape().get(0));
        if (datasetIndex.getShape().dimension() != 1 || datasetIndex.getShape().get(0) != rows) {
            throw new IllegalArgumentException(
                    "dataset index must be a vector of " + rows + " entries, got " + datasetIndex.getShape());
        }
        if (rows > MAX_ROWS || contextSize() > rows) {
            throw new IllegalArgumentException("batch of " + rows + " rows cannot hold k = " + contextSize()
                    + " neighbours (and at most " + MAX_ROWS + " rows are supported)");
        }
        return rows;
    }

    /** W^P = exp(−‖ẑ_i − ẑ_j‖² / σ) on row-normalised embeddings, with an exact zero distance on the diagonal. */
    private NDArray pairwiseSimilarity(NDArray teacher) {
        NDArray unit = teacher.div(teacher.norm(new int[] {1}, true).maximum(NORM_FLOOR));
        NDArray squaredNorms = unit.square().sum(new int[] {1}, true);
        NDArray squaredDistances = squaredNorms
                .add(squaredNorms.transpose())
                .sub(unit.matMul(unit.transpose()).mul(2))
                .maximum(0f);
        NDArray offDiagonal = offDiagonalMask(teacher, squaredDistances.getShape().get(0));
        return squaredDistances.mul(offDiagonal).div(-sigma).exp();
    }

    private static NDArray sameImage(NDArray datasetIndex) {
        NDArray column = datasetIndex.toType(DataType.INT64, false).reshape(-1, 1);
        return column.eq(column.transpose()).toType(DataType.FLOAT32, false);
    }

    /** The row itself first, then S in double precision with ties broken towards the lower column index. */
    private static NDArray rankingKey(NDArray selection, int rows) {
        NDManager manager = selection.getManager();
        NDArray columnPenalty = manager.arange(0, rows, 1, DataType.FLOAT64).mul(TIE_STEP).reshape(1, rows);
        NDArray selfFirst = manager.eye(rows).toType(DataType.FLOAT64, false);
        return selection.toType(DataType.FLOAT64, false).sub(columnPenalty).add(selfFirst);
    }

    private NDArray contextualSimilarity(NDArray key) {
        NDArray ranked = key.topK(contextSize(), 1, true, true).get(0);
        NDArray neighbours = membership(key, ranked, contextSize());
        NDArray reciprocal = neighbours.mul(neighbours.transpose());
        NDArray overlap = reciprocal.matMul(reciprocal.transpose()).mul(reciprocal);
        NDArray jaccard = overlap.div(reciprocal.sum(new int[] {1}, true));
        NDArray expansion = membership(key, ranked, expansionSize());
        NDArray expanded = expansion.matMul(jaccard).div(expansionSize());
        return expanded.add(expanded.transpose()).div(2);
    }

    /** 1 where column j is among the first {@code count} ranked columns of row i, else 0. */
    private static NDArray membership(NDArray key, NDArray ranked, int count) {
        NDArray threshold = ranked.get(":, {}:{}", count - 1, count);
        return key.gte(threshold).toType(DataType.FLOAT32, false);
    }

    private static NDArray offDiagonalMask(NDArray like, long rows) {
        return like.getManager().eye(Math.toIntExact(rows)).neg().add(1f);
    }

    /**
     * The parts of W for one batch. Closing it closes the three matrices.
     *
     * @param pairwise W^P, the Gaussian-kernel similarity
     * @param contextual W^C, the symmetrised, query-expanded contextual similarity
     * @param combined W = (W^P + W^C) / 2
     */
    public record Components(NDArray pairwise, NDArray contextual, NDArray combined) implements AutoCloseable {

        private void unregisterFrom() {
            NDScope.unregister(pairwise, contextual, combined);
        }

        @Override
        public void close() {
            pairwise.close();
            contextual.close();
            combined.close();
        }
    }

    /**
     * Describes the effective options.
     *
     * @return σ, nn, V and the derived k and h
     */
    @Override
    public String toString() {
        return "ContextualSimilarity[sigma=" + sigma + ", numNeighbors=" + numNeighbors + ", views=" + views + ", k="
                + contextSize() + ", h=" + expansionSize() + "]";
    }

    /** Builds a {@link ContextualSimilarity}; every option has the paper's CUB/Cars default. */
    public static final class Builder {
        private float sigma = 3f;
        private int numNeighbors = 5;
        private int views = 2;

        private Builder() {}

        /**
         * Sets the Gaussian kernel width σ in W^P = exp(−D²/σ) (default 3, as every reference command).
         *
         * @param sigma a positive width
         * @return this builder
         */
        public Builder optSigma(float sigma) {
            this.sigma = sigma;
            return this;
        }

        /**
         * Sets nn, the sampler's neighbours per query (default 5 for CUB/Cars; 2 for SOP).
         *
         * @param numNeighbors at least 1
         * @return this builder
         */
        public Builder optNumNeighbors(int numNeighbors) {
            this.numNeighbors = numNeighbors;
            return this;
        }

        /**
         * Sets V, the augmented views per image (default 2).
         *
         * @param views at least 1
         * @return this builder
         */
        public Builder optViews(int views) {
            this.views = views;
            return this;
        }

        /**
         * Builds the similarity.
         *
         * @return a new, immutable similarity
         * @throws IllegalArgumentException if an option is out of range
         */
        public ContextualSimilarity build() {
            if (!(sigma > 0) || numNeighbors < 1 || views < 1) {
                throw new IllegalArgumentException("similarity needs sigma > 0, num-neighbors >= 1 and views >= 1, got "
                        + sigma + ", " + numNeighbors + ", " + views);
            }
            return new ContextualSimilarity(this);
        }
    }
}
