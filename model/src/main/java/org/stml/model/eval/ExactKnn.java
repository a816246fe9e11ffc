package org.stml.model.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Exact k-nearest-neighbour search by squared Euclidean distance, computed on NDArrays block by block so that memory
 * stays bounded: the query × database distance matrix is never materialised, only blocks of at most {@link
 * Builder#optChunkElements(long) chunkElements} elements. Each block yields its own nearest candidates, which are
 * merged into a running top-k per query chunk by concatenating and taking the top k again.
 *
 * <p>Distances are {@code ‖q‖² + ‖x‖² − 2 q·x} in float32 (one matrix product per block), clamped at zero. The
 * order of exactly tied neighbours is unspecified.
 */
public final class ExactKnn {

    /** The default largest number of distance-matrix elements in one block: 2²⁴ floats, 64 MiB. */
    public static final long DEFAULT_CHUNK_ELEMENTS = 1L << 24;

    private final long chunkElements;
    private final boolean excludeSelf;

    private ExactKnn(Builder builder) {
        chunkElements = builder.chunkElements;
        excludeSelf = builder.excludeSelf;
    }

    /**
     * Creates a builder with the defaults: {@link #DEFAULT_CHUNK_ELEMENTS} and self included.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Finds, for every query row, the {@code k} nearest rows of a separate database. Nothing is excluded.
     *
     * @param queries float32 queries, shape (m, d); not closed
     * @param database float32 database, shape (n, d); not closed
     * @param k the number of neighbours, 1 ≤ k ≤ n
     * @return the neighbours of every query, nearest first
     */
    public KnnResult search(NDArray queries, NDArray database, int k) {
        return run(queries, database, k, false);
    }

    /**
     * Finds, for every row, its {@code k} nearest rows of the same set. The row itself is excluded by index when the
     * builder says so ({@link Builder#optExcludeSelf(boolean)}), and is otherwise a candidate like any other (normally
     * the first hit, at distance 0).
     *
     * @param points float32 points, shape (n, d); not closed
     * @param k the number of neighbours, at most n, or n − 1 when the row itself is excluded
     * @return the neighbours of every row, nearest first
     */
    public KnnResult searchWithin(NDArray points, int k) {
        return run(points, points, k, excludeSelf);
    }

    private KnnResult run(NDArray queries, NDArray database, int k, boolean skipSelf) {
        int queryCount = rowCount(queries, "queries");
        int databaseCount = rowCount(database, "database");
        if (queries.getShape().get(1) != database.getShape().get(1)) {
            throw new IllegalArgumentException(
                    "queries " + queries.getShape() + " and database " + database.getShape() + " differ in width");
        }
        int candidates = skipSelf ? databaseCount - 1 : databaseCount;
        if (k < 1 || k > candidates) {
            throw new IllegalArgumentException("k = " + k + " outside [1, " + candidates + "]");
        }
        if ((long) queryCount * k > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(queryCount + " queries × k = " + k + " exceed a Java array");
        }
        BlockShape shape = BlockShape.of(chunkElements, queryCount, databaseCount);
        int[] indices = new int[queryCount * k];
        float[] distances = new float[queryCount * k];
        for (int from = 0; from < queryCount; from += shape.queryRows()) {
            Span querySpan = new Span(from, Math.min(queryCount, from + shape.queryRows()));
            try (NDManager chunk = queries.getManager().newSubManager()) {
                NDList best = nearestInChunk(chunk, new Operands(queries, database, skipSelf), querySpan, shape, k);
                System.arraycopy(best.get(0).toFloatArray(), 0, distances, from * k, querySpan.size() * k);
                long[] ids = best.get(1).toLongArray();
                for (int i = 0; i < ids.length; i++) {
                    indices[from * k + i] = (int) ids[i];
                }
            }
        }
        return new KnnResult(k, indices, distances);
    }

    private static NDList nearestInChunk(NDManager chunk, Operands operands, Span querySpan, BlockShape shape, int k) {
        int databaseCount = (int) operands.database().getShape().get(0);
        NDList best = null;
        for (int from = 0; from < databaseCount; from += shape.databaseRows()) {
            Span databaseSpan = new Span(from, Math.min(databaseCount, from + shape.databaseRows()));
            try (NDManager block = chunk.newSubManager()) {
                NDList candidates = nearestInBlock(block, operands, querySpan, databaseSpan, k);
                if (best != null) {
                    best.attach(block);
                    candidates = merge(best, candidates, k);
                }
                candidates.attach(chunk);
                best = candidates;
            }
        }
        return best;
    }

    private static NDList nearestInBlock(NDManager block, Operands operands, Span querySpan, Span databaseSpan, int k) {
        NDArray queryRows = rows(operands.queries(), querySpan, block);
        NDArray databaseRows = rows(operands.database(), databaseSpan, block);
        NDArray distances = SquaredDistances.between(queryRows, databaseRows);
        if (operands.skipSelf() && querySpan.overlaps(databaseSpan)) {
            NDArray queryIds = block.arange(querySpan.from(), querySpan.to()).reshape(-1, 1);
            NDArray databaseIds = block.arange(databaseSpan.from(), databaseSpan.to()).reshape(1, -1);
            distances.set(queryIds.eq(databaseIds), Float.POSITIVE_INFINITY);
        }
        NDList top = distances.topK(Math.min(k, databaseSpan.size()), 1, false, true);
        return new NDList(top.get(0), top.get(1).add(databaseSpan.from()));
    }

    private static NDList merge(NDList best, NDList candidates, int k) {
        NDArray distances = NDArrays.concat(new NDList(best.get(0), candidates.get(0)), 1);
        NDArray ids = NDArrays.concat(new NDList(best.get(1), candidates.get(1)), 1);
        NDList top = distances.topK((int) Math.min(k, distances.getShape().get(1)), 1, false, true);
        return new NDList(top.get(0), ids.gather(top.get(1), 1));
    }

    private static NDArray rows(NDArray matrix, Span span, NDManager owner) {
        NDArray rows = matrix.get("{}:{}", span.from(), span.to());
        rows.attach(owner);
        return rows;
    }

    private static int rowCount(NDArray matrix, String name) {
        if (matrix.getShape().dimension() != 2 || matrix.getShape().get(0) < 1) {
            throw new IllegalArgumentException(name + " must be a non-empty matrix, got " + matrix.getShape());
        }
        if (matrix.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(name + " must be float32, got " + matrix.getDataType());
        }
        return (int) matrix.getShape().get(0);
    }

    /** The arrays of one search and whether a row is kept out of its own neighbours. */
    private record Operands(NDArray queries, NDArray database, boolean skipSelf) {}

    /** A half-open range of row indices. */
    private record Span(int from, int to) {
        int size() {
            return to - from;
        }

        boolean overlaps(Span other) {
            return from < other.to && other.from < to;
        }
    }

    /** Returns a block budget after checking it, for every builder that takes one. */
    static long checkedChunkElements(long chunkElements) {
        if (chunkElements < 1) {
            throw new IllegalArgumentException("chunkElements must be at least 1, got " + chunkElements);
        }
        return chunkElements;
    }

    /**
     * Describes the effective options.
     *
     * @return the block size and whether each row is excluded from its own neighbours
     */
    @Override
    public String toString() {
        return "ExactKnn[chunkElements=" + chunkElements + ", excludeSelf=" + excludeSelf + "]";
    }

    /** Builds an {@link ExactKnn}. */
    public static final class Builder {
        private long chunkElements = DEFAULT_CHUNK_ELEMENTS;
        private boolean excludeSelf;

        private Builder() {}

        /**
         * Sets the largest number of distance-matrix elements computed in one block. Memory per block is a few times
         * this many floats; the running top-k adds {@code 2 × k} per query row of the block.
         *
         * @param chunkElements at least 1
         * @return this builder
         */
        public Builder optChunkElements(long chunkElements) {
            this.chunkElements = checkedChunkElements(chunkElements);
            return this;
        }

        /**
         * Sets whether {@link ExactKnn#searchWithin(NDArray, int)} keeps each row out of its own neighbours (by
         * index). Evaluation excludes it; the nearest-neighbour batch sampler includes it. Default: included.
         *
         * @param excludeSelf {@code true} to exclude each row from its own neighbours
         * @return this builder
         */
        public Builder optExcludeSelf(boolean excludeSelf) {
            this.excludeSelf = excludeSelf;
            return this;
        }

        /**
         * Builds the search.
         *
         * @return a new {@link ExactKnn}
         */
        public ExactKnn build() {
            return new ExactKnn(this);
        }
    }
}
