package org.stml.model.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Seeded k-means (Lloyd's algorithm) with k-means++ initialisation, for the NMI of an embedding.
 *
 * <p>Initialisation runs on the host in double precision with a {@link Random} seeded from {@link
 * Builder#optSeed(long)}. Each assignment step is an exact, chunked nearest-centroid search on NDArrays ({@link
 * ExactKnn}); centroids are then recomputed on the host in double precision. A cluster left empty is re-seeded
 * deterministically with the point farthest from its own centroid (ties to the lower index) among clusters that keep
 * at least one other point. Iteration stops when the assignments no longer change, or at the iteration limit.
 */
public final class KMeans {

    /** The default iteration limit. */
    public static final int DEFAULT_MAX_ITERATIONS = 100;

    private final long seed;
    private final int maxIterations;
    private final ExactKnn nearestCentroid;

    private KMeans(Builder builder) {
        seed = builder.seed;
        maxIterations = builder.maxIterations;
        nearestCentroid = ExactKnn.builder().optChunkElements(builder.chunkElements).build();
    }

    /**
     * Creates a builder with the defaults: seed 0, {@link #DEFAULT_MAX_ITERATIONS}, {@link
     * ExactKnn#DEFAULT_CHUNK_ELEMENTS}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Clusters the rows of a matrix.
     *
     * @param points float32 points, shape (n, d); not closed
     * @param k the number of clusters, 1 ≤ k ≤ n
     * @return the assignment of every point
     */
    public KMeansResult cluster(NDArray points, int k) {
        Shape shape = points.getShape();
        if (shape.dimension() != 2 || points.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("points must be a float32 matrix, got " + shape);
        }
        int n = (int) shape.get(0);
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k = " + k + " outside [1, " + n + "]");
        }
        HostPoints host = new HostPoints(points.toFloatArray(), n, (int) shape.get(1));
        float[] centroids = host.rows(KMeansPlusPlus.choose(host, k, new Random(seed)));
        int[] previous = null;
        for (int iteration = 1; iteration <= maxIterations; iteration++) {
            int[] assignments = assign(points, centroids, k, host.dimension());
            if (Arrays.equals(assignments, previous)) {
                return new KMeansResult(assignments, iteration, true);
            }
            previous = assignments;
            centroids = means(host, assignments, k);
        }
        return new KMeansResult(previous, maxIterations, false);
    }

    private int[] assign(NDArray points, float[] centroids, int k, int dimension) {
        KnnResult nearest;
        try (NDManager manager = points.getManager().newSubManager()) {
            nearest = nearestCentroid.search(points, manager.create(centroids, new Shape(k, dimension)), 1);
        }
        int[] assignments = nearest.indices();
        reseedEmptyClusters(assignments, nearest.distances(), k);
        return assignments;
    }

    private static void reseedEmptyClusters(int[] assignments, float[] distances, int k) {
        int[] sizes = clusterSizes(assignments, k);
        int[] farthestFirst = null;
        int next = 0;
        for (int cluster = 0; cluster < k; cluster++) {
            if (sizes[cluster] > 0) {
                continue;
            }
            if (farthestFirst == null) {
                farthestFirst = farthestFirst(distances);
            }
            while (sizes[assignments[farthestFirst[next]]] < 2) {
                next++;
            }
            int point = farthestFirst[next++];
            sizes[assignments[point]]--;
            assignments[point] = cluster;
            sizes[cluster] = 1;
        }
    }

    private static int[] farthestFirst(float[] distances) {
        return IntStream.range(0, distances.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> distances[i]).reversed())
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static int[] clusterSizes(int[] assignments, int k) {
        int[] sizes = new int[k];
        for (int cluster : assignments) {
            sizes[cluster]++;
        }
        return sizes;
    }

    private static float[] means(HostPoints host, int[] assignments, int k) {
        int d = host.dimension();
        double[] sums = new double[k * d];
        for (int i = 0; i < assignments.length; i++) {
            int cluster = assignments[i];
            for (int j = 0; j < d; j++) {
                sums[cluster * d + j] += host.values()[i * d + j];
            }
        }
        int[] sizes = clusterSizes(assignments, k);
        float[] centroids = new float[k * d];
        for (int c = 0; c < k * d; c++) {
            centroids[c] = (float) (sums[c] / sizes[c / d]);
        }
        return centroids;
    }

    /**
     * Describes the effective options.
     *
     * @return the seed, the iteration limit and the nearest-centroid search
     */
    @Override
    public String toString() {
        return "KMeans[seed=" + seed + ", maxIterations=" + maxIterations + ", search=" + nearestCentroid + "]";
    }

    /** Builds a {@link KMeans}. */
    public static final class Builder {
        private long seed;
        private int maxIterations = DEFAULT_MAX_ITERATIONS;
        private long chunkElements = ExactKnn.DEFAULT_CHUNK_ELEMENTS;

        private Builder() {}

        /**
         * Sets the seed of the k-means++ initialisation.
         *
         * @param seed any value; default 0
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the largest number of assignment steps.
         *
         * @param maxIterations at least 1; default {@link KMeans#DEFAULT_MAX_ITERATIONS}
         * @return this builder
         */
        public Builder optMaxIterations(int maxIterations) {
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
            }
            this.maxIterations = maxIterations;
            return this;
        }

        /**
         * Sets the largest number of point × centroid distances computed in one block.
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
         * Builds the clusterer.
         *
         * @return a new {@link KMeans}
         */
        public KMeans build() {
            return new KMeans(this);
        }
    }
}
