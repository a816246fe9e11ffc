package org.stml.model.data.sampler;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import org.stml.model.eval.ExactKnn;
import org.stml.model.eval.KnnResult;

/**
 * The K nearest training images of every training image by squared Euclidean distance, the image itself included
 * (normally first), as docs/ALGORITHM.md §6 builds it. Immutable; plain host data, so it can be checkpointed or sent.
 */
public final class NeighbourTable {

    private final int size;
    private final int neighbours;
    private final int[] table;

    private NeighbourTable(int size, int neighbours, int[] table) {
        this.size = size;
        this.neighbours = neighbours;
        this.table = table;
    }

    /**
     * Builds the table from embeddings with the chunked exact k-NN (bounded memory).
     *
     * @param embeddings n × d embeddings in dataset-index order (the student's g, unnormalised); not closed
     * @param neighbours K = nn, the list length including the image itself
     * @param knn the search to use; it must not exclude self
     * @return the table
     */
    public static NeighbourTable build(NDArray embeddings, int neighbours, ExactKnn knn) {
        int size = Math.toIntExact(embeddings.getShape().get(0));
        if (neighbours < 1 || neighbours > size) {
            throw new IllegalArgumentException("the neighbour table needs 1 <= nn <= " + size + " images, got nn = "
                    + neighbours);
        }
        KnnResult result = knn.searchWithin(embeddings, neighbours);
        int[] table = new int[size * neighbours];
        for (int i = 0; i < size; i++) {
            for (int r = 0; r < neighbours; r++) {
                table[i * neighbours + r] = result.index(i, r);
            }
        }
        return new NeighbourTable(size, neighbours, table);
    }

    /**
     * Restores a table from its rows, for example from a checkpoint.
     *
     * @param neighbours K, the row length
     * @param table n × K dataset indices, row-major; copied
     * @return the table
     */
    public static NeighbourTable of(int neighbours, int[] table) {
        if (neighbours < 1 || table.length % neighbours != 0) {
            throw new IllegalArgumentException("a neighbour table of rows of " + neighbours + " cannot hold "
                    + table.length + " entries");
        }
        int size = table.length / neighbours;
        for (int index : table) {
            if (index < 0 || index >= size) {
                throw new IllegalArgumentException("neighbour index " + index + " outside 0.." + (size - 1));
            }
        }
        return new NeighbourTable(size, neighbours, table.clone());
    }

    /**
     * Returns the number of images.
     *
     * @return n
     */
    public int size() {
        return size;
    }

    /**
     * Returns K, the length of each neighbour list (the image itself included).
     *
     * @return K
     */
    public int neighbours() {
        return neighbours;
    }

    /**
     * Returns the neighbour list of one image, nearest first.
     *
     * @param index the dataset index
     * @return a new array of K dataset indices
     */
    public int[] row(int index) {
        return Arrays.copyOfRange(table, index * neighbours, (index + 1) * neighbours);
    }

    /**
     * Copies the neighbour list of one image into a batch.
     *
     * @param index the dataset index
     * @param destination the batch
     * @param offset where the list starts in the batch
     */
    void copyRow(int index, int[] destination, int offset) {
        System.arraycopy(table, index * neighbours, destination, offset, neighbours);
    }

    /**
     * Returns every row, row-major, for checkpoints.
     *
     * @return a new array of n × K dataset indices
     */
    public int[] toArray() {
        return table.clone();
    }
}
