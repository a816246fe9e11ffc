package org.stml.model.data.sampler;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws STML batches from a {@link NeighbourTable} (docs/ALGORITHM.md §6): q = B / K queries drawn uniformly without
 * replacement within the batch, each followed by its neighbour list (itself first, then by increasing distance).
 * Batches are independent of each other: over an epoch some images repeat and some are never drawn, and an image can
 * appear in a batch more than once (as a query and as another query's neighbour).
 *
 * <p>Batch t of epoch e is a pure function of (seed, e, t), so a resumed run draws exactly the batches an
 * uninterrupted one would, whatever the thread or order of requests. Immutable and thread-safe.
 */
public final class NeighbourBatchSampler {

    private final NeighbourTable table;
    private final int queries;
    private final long seed;

    /**
     * Creates a sampler.
     *
     * @param table the neighbour table of the current epoch
     * @param batchSize B, images per batch before views (120 in the paper); a multiple of K
     * @param seed the run's seed
     */
    public NeighbourBatchSampler(NeighbourTable table, int batchSize, long seed) {
        int neighbours = table.neighbours();
        if (batchSize < neighbours || batchSize % neighbours != 0) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be a positive multiple of nn = "
                    + neighbours + " (q queries × nn neighbours)");
        }
        if (batchSize / neighbours > table.size()) {
            throw new IllegalArgumentException("a batch of " + batchSize / neighbours + " distinct queries needs at "
                    + "least that many images; the dataset has " + table.size());
        }
        this.table = table;
        this.queries = batchSize / neighbours;
        this.seed = seed;
    }

    /**
     * Returns the number of batches (steps) in one epoch over a dataset, ⌊n / B⌋ and at least 1: the one definition
     * of an epoch's length, for the sampler, the training loops and the schedules.
     *
     * @param images n, the images of the training set
     * @param batchSize B, images per batch, at least 1
     * @return steps per epoch
     * @throws IllegalArgumentException if the batch size is not positive
     */
    public static int stepsPerEpoch(int images, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        return Math.max(1, images / batchSize);
    }

    /**
     * Returns the number of batches in one epoch of this sampler's table, {@link #stepsPerEpoch(int, int)}.
     *
     * @return batches per epoch
     */
    public int batchesPerEpoch() {
        return stepsPerEpoch(table.size(), batchSize());
    }

    /**
     * Returns B, the images per batch.
     *
     * @return q × K
     */
    public int batchSize() {
        return queries * table.neighbours();
    }

    /**
     * Returns the neighbour table this sampler draws from.
     *
     * @return the table
     */
    public NeighbourTable table() {
        return table;
    }

    /**
     * Draws one batch.
     *
     * @param epoch the epoch, from 0
     * @param batch the batch within the epoch, from 0
     * @return B dataset indices: query 1 and its neighbours, query 2 and its neighbours, …
     */
    public int[] batch(int epoch, int batch) {
        int[] drawn = drawQueries(random(epoch, batch));
        int[] indices = new int[batchSize()];
        for (int q = 0; q < queries; q++) {
            table.copyRow(drawn[q], indices, q * table.neighbours());
        }
        return indices;
    }

    /** q distinct dataset indices, uniform: a partial Fisher–Yates shuffle over a sparse swap map. */
    private int[] drawQueries(SplittableRandom random) {
        int size = table.size();
        Map<Integer, Integer> swapped = new HashMap<>();
        int[] drawn = new int[queries];
        for (int i = 0; i < queries; i++) {
            int j = i + random.nextInt(size - i);
            int atJ = swapped.getOrDefault(j, j);
            swapped.put(j, swapped.getOrDefault(i, i));
            drawn[i] = atJ;
        }
        return drawn;
    }

    private SplittableRandom random(int epoch, int batch) {
        long mixed = seed * 0x9E3779B97F4A7C15L + epoch;
        mixed = mixed * 0xBF58476D1CE4E5B9L + batch;
        return new SplittableRandom(mixed);
    }
}
