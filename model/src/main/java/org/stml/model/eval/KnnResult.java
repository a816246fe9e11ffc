package org.stml.model.eval;

/**
 * The k nearest database items of every query, nearest first, as host arrays in row-major order: the neighbours of
 * query {@code q} occupy positions {@code q·k … q·k + k − 1}.
 *
 * <p>Like any record holding arrays, equality is by array identity; compare contents with the accessors.
 *
 * @param k the number of neighbours per query
 * @param indices database row indices, {@code queryCount() × k} of them
 * @param distances the squared Euclidean distances matching {@code indices}, ascending within each query
 */
public record KnnResult(int k, int[] indices, float[] distances) {

    /**
     * Checks that both arrays hold whole rows of {@code k} entries.
     *
     * @param k the number of neighbours per query
     * @param indices database row indices, row-major
     * @param distances squared distances, row-major
     * @throws IllegalArgumentException if {@code k < 1} or the array lengths do not match
     */
    public KnnResult {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (indices.length != distances.length || indices.length % k != 0) {
            throw new IllegalArgumentException(
                    "indices (" + indices.length + ") and distances (" + distances.length
                            + ") must both hold whole rows of k = " + k);
        }
    }

    /**
     * Returns the number of queries.
     *
     * @return the number of rows
     */
    public int queryCount() {
        return indices.length / k;
    }

    /**
     * Returns the database index of one neighbour.
     *
     * @param query the query row
     * @param rank the neighbour's rank, 0 for the nearest
     * @return the database row index
     */
    public int index(int query, int rank) {
        return indices[position(query, rank)];
    }

    /**
     * Returns the squared distance to one neighbour.
     *
     * @param query the query row
     * @param rank the neighbour's rank, 0 for the nearest
     * @return the squared Euclidean distance
     */
    public float distance(int query, int rank) {
        return distances[position(query, rank)];
    }

    private int position(int query, int rank) {
        if (rank < 0 || rank >= k) {
            throw new IndexOutOfBoundsException("rank " + rank + " outside [0, " + k + ")");
        }
        return query * k + rank;
    }
}
