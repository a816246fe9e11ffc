package org.stml.model.eval;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluates embeddings of a labelled test set (docs/ALGORITHM.md §9): every image is a query against all the others, by
 * squared Euclidean distance on the embeddings as given (the student's raw output), the query itself excluded by
 * index.
 *
 * <p>Computes {@code recall_at_K} for each configured K over all queries; {@code precision_at_1}, {@code r_precision}
 * and {@code mean_average_precision_at_r} over non-lone queries (see {@link RetrievalMetrics}); and optionally {@code
 * NMI} of a k-means clustering with k = the number of distinct labels. The neighbour search retrieves {@code max(max
 * K, largest class size − 1)} neighbours, capped at n − 1; with fewer than K + 1 images, Recall@K looks at all the
 * others.
 */
public final class EmbeddingEvaluator {

    private final int[] recallKs;
    private final boolean computeNmi;
    private final ExactKnn neighbourSearch;
    private final KMeans kMeans;

    private EmbeddingEvaluator(Builder builder) {
        recallKs = builder.recallKs;
        computeNmi = builder.computeNmi;
        neighbourSearch = ExactKnn.builder().optChunkElements(builder.chunkElements).optExcludeSelf(true).build();
        kMeans = KMeans.builder().optSeed(builder.seed).optChunkElements(builder.chunkElements).build();
    }

    /**
     * Creates a builder with the defaults: K ∈ {1, 2, 4, 8} (CUB / Cars), NMI computed, seed 0, {@link
     * ExactKnn#DEFAULT_CHUNK_ELEMENTS}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Evaluates one set of embeddings.
     *
     * @param embeddings float32 embeddings, shape (n, d) with n ≥ 2; not closed
     * @param labels the class of every row
     * @return the metrics, in the order described by {@link EvaluationResult}
     */
    public EvaluationResult evaluate(NDArray embeddings, int[] labels) {
        if (embeddings.getShape().dimension() != 2 || embeddings.getShape().get(0) != labels.length) {
            throw new IllegalArgumentException(
                    "embeddings " + embeddings.getShape() + " do not match " + labels.length + " labels");
        }
        if (labels.length < 2) {
            throw new IllegalArgumentException("need at least 2 images, got " + labels.length);
        }
        int[] relevant = RetrievalMetrics.relevantCounts(labels, labels, true);
        int k = Math.min(labels.length - 1,
                Math.max(recallKs[recallKs.length - 1], Arrays.stream(relevant).max().orElseThrow()));
        KnnResult neighbours = neighbourSearch.searchWithin(embeddings, k);
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int recallK : recallKs) {
            metrics.put(EvaluationResult.recallName(recallK),
                    RetrievalMetrics.recallAt(Math.min(recallK, k), neighbours, labels, labels));
        }
        metrics.put(EvaluationResult.PRECISION_AT_1,
                RetrievalMetrics.precisionAtOne(neighbours, labels, labels, relevant));
        metrics.put(EvaluationResult.R_PRECISION, RetrievalMetrics.rPrecision(neighbours, labels, labels, relevant));
        metrics.put(EvaluationResult.MAP_AT_R,
                RetrievalMetrics.meanAveragePrecisionAtR(neighbours, labels, labels, relevant));
        if (computeNmi) {
            metrics.put(EvaluationResult.NMI, nmi(embeddings, labels));
        }
        return new EvaluationResult(metrics);
    }

    private double nmi(NDArray embeddings, int[] labels) {
        int classes = (int) Arrays.stream(labels).distinct().count();
        return NormalizedMutualInformation.compute(labels, kMeans.cluster(embeddings, classes).assignments());
    }

    /**
     * Describes the effective options.
     *
     * @return the K of Recall@K, whether NMI is computed, the neighbour search and the k-means
     */
    @Override
    public String toString() {
        return "EmbeddingEvaluator[recallKs=" + Arrays.toString(recallKs) + ", nmi=" + computeNmi + ", search="
                + neighbourSearch + ", kMeans=" + kMeans + "]";
    }

    /** Builds an {@link EmbeddingEvaluator}. */
    public static final class Builder {
        private int[] recallKs = {1, 2, 4, 8};
        private boolean computeNmi = true;
        private long seed;
        private long chunkElements = ExactKnn.DEFAULT_CHUNK_ELEMENTS;

        private Builder() {}

        /**
         * Sets the K of Recall@K: {1, 2, 4, 8} for CUB and Cars (the default), {1, 10, 100, 1000} for SOP. The values
         * are sorted and duplicates dropped.
         *
         * @param ks one or more values, each at least 1
         * @return this builder
         */
        public Builder optRecallKs(int... ks) {
            if (ks.length == 0 || Arrays.stream(ks).anyMatch(k -> k < 1)) {
                throw new IllegalArgumentException("need one or more K ≥ 1, got " + Arrays.toString(ks));
            }
            recallKs = Arrays.stream(ks).sorted().distinct().toArray();
            return this;
        }

        /**
         * Sets whether to run k-means and report NMI. k-means is the costly part on large test sets.
         *
         * @param computeNmi {@code true} (the default) to compute NMI
         * @return this builder
         */
        public Builder optComputeNmi(boolean computeNmi) {
            this.computeNmi = computeNmi;
            return this;
        }

        /**
         * Sets the seed of the k-means initialisation.
         *
         * @param seed any value; default 0
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the largest number of distance-matrix elements computed in one block, for the neighbour search and
         * k-means.
         *
         * @param chunkElements at least 1; default {@link ExactKnn#DEFAULT_CHUNK_ELEMENTS}
         * @return this builder
         * @see ExactKnn.Builder#optChunkElements(long)
         */
        public Builder optChunkElements(long chunkElements) {
            this.chunkElements = ExactKnn.checkedChunkElements(chunkElements);
            return this;
        }

        /**
         * Builds the evaluator.
         *
         * @return a new {@link EmbeddingEvaluator}
         */
        public EmbeddingEvaluator build() {
            return new EmbeddingEvaluator(this);
        }
    }
}
