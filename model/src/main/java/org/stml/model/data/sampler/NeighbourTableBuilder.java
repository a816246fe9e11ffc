package org.stml.model.data.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.image.HostBatch;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.ViewTransform;
import org.stml.model.eval.ExactKnn;
import org.stml.model.nn.EmbeddingNetwork;

/**
 * Rebuilds the {@link NeighbourTable} at the start of an epoch (docs/ALGORITHM.md §6): every training image, squashed
 * to a square without crop or flip, is embedded by the student's g head in evaluation mode (unnormalised), then the
 * chunked exact k-NN finds each image's nn nearest, itself included.
 *
 * <p>Images that cannot be read are left out of the search; their own row lists only themselves, so the batches
 * that draw them lose them when the loader skips them again.
 */
public final class NeighbourTableBuilder {

    private final ParallelImageLoader loader;
    private final ViewTransform transform;
    private final int neighbours;
    private final int chunk;
    private final ExactKnn knn;

    private NeighbourTableBuilder(Builder builder) {
        this.loader = builder.loader;
        this.transform = builder.transform;
        this.neighbours = builder.neighbours;
        this.chunk = builder.chunk;
        this.knn = ExactKnn.builder().optChunkElements(builder.chunkElements).build();
    }

    /**
     * Returns a builder; the loader and the transform are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Embeds the dataset and searches its neighbours.
     *
     * @param student the student network (evaluated, not trained)
     * @param store its parameter store
     * @param dataset the training set
     * @param manager where the temporary arrays live; nothing stays attached to it
     * @return the new table and how long each part took
     */
    public Rebuild rebuild(EmbeddingNetwork student, ParameterStore store, ImageDataset dataset, NDManager manager) {
        long start = System.nanoTime();
        try (NDManager scratch = manager.newSubManager()) {
            Embedded embedded = embed(student, store, dataset, scratch);
            long embeddedAt = System.nanoTime();
            NeighbourTable table = search(embedded, dataset.size());
            long searched = System.nanoTime();
            return new Rebuild(table, embeddedAt - start, searched - embeddedAt, embedded.skipped());
        }
    }

    private Embedded embed(EmbeddingNetwork student, ParameterStore store, ImageDataset dataset, NDManager scratch) {
        NDArray[] parts = new NDArray[(dataset.size() + chunk - 1) / chunk];
        int[][] readIndices = new int[parts.length][];
        for (int c = 0; c < parts.length; c++) {
            int[] indices = IntStream.range(c * chunk, Math.min(dataset.size(), (c + 1) * chunk)).toArray();
            HostBatch batch = loader.load(dataset, indices, transform, 1, 0);
            readIndices[c] = batch.datasetIndices();
            NDArray images = batch.toNetworkInput(scratch);
            parts[c] = student.embed(store, images, EmbeddingNetwork.Head.HIGH, chunk);
        }
        int[] read = Arrays.stream(readIndices).flatMapToInt(Arrays::stream).toArray();
        NDArray all = NDArrays.concat(new NDList(parts));
        return new Embedded(all, read, dataset.size() - read.length);
    }

    private NeighbourTable search(Embedded embedded, int size) {
        int[] table = new int[size * neighbours];
        for (int i = 0; i < size; i++) {
            Arrays.fill(table, i * neighbours, (i + 1) * neighbours, i);
        }
        int found = Math.min(neighbours, embedded.read().length);
        if (found > 0) {
            NeighbourTable readOnly = NeighbourTable.build(embedded.embeddings(), found, knn);
            for (int r = 0; r < embedded.read().length; r++) {
                int[] row = readOnly.row(r);
                int datasetIndex = embedded.read()[r];
                for (int n = 0; n < found; n++) {
                    table[datasetIndex * neighbours + n] = embedded.read()[row[n]];
                }
            }
        }
        return NeighbourTable.of(neighbours, table);
    }

    /**
     * Describes the effective options: nn, the images embedded per forward pass, the k-NN search and the transform.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "NeighbourTableBuilder[nn=" + neighbours + ", chunk=" + chunk + ", knn=" + knn + ", transform="
                + transform + "]";
    }

    /** Embeddings of the readable images and their dataset indices. */
    private record Embedded(NDArray embeddings, int[] read, int skipped) {}

    /**
     * The result of one rebuild.
     *
     * @param table the new neighbour table
     * @param embedNanos time spent loading and embedding the dataset
     * @param searchNanos time spent in the k-NN search
     * @param skippedImages images that could not be read
     */
    public record Rebuild(NeighbourTable table, long embedNanos, long searchNanos, int skippedImages) {

        /**
         * Returns the whole rebuild time in seconds.
         *
         * @return seconds
         */
        public double seconds() {
            return (embedNanos + searchNanos) / 1e9;
        }
    }

    /** Builds a {@link NeighbourTableBuilder}. */
    public static final class Builder {
        private ParallelImageLoader loader;
        private ViewTransform transform;
        private int neighbours = 5;
        private int chunk = 256;
        private long chunkElements = ExactKnn.DEFAULT_CHUNK_ELEMENTS;

        private Builder() {}

        /**
         * Sets the image loader; required.
         *
         * @param loader the loader (its pool and corrupt-image registry are shared with training)
         * @return this builder
         */
        public Builder setLoader(ParallelImageLoader loader) {
            this.loader = loader;
            return this;
        }

        /**
         * Sets the sampler transform; required (a square squash, no crop, no flip: 256 for real backbones).
         *
         * @param transform the transform
         * @return this builder
         */
        public Builder setTransform(ViewTransform transform) {
            this.transform = transform;
            return this;
        }

        /**
         * Sets nn, the neighbour-list length including the image itself.
         *
         * @param neighbours default 5 (CUB/Cars); 2 for SOP
         * @return this builder
         */
        public Builder optNeighbours(int neighbours) {
            this.neighbours = neighbours;
            return this;
        }

        /**
         * Sets how many images are loaded and embedded per forward pass ({@code stml.eval.embed-batch}).
         *
         * @param chunk default 256
         * @return this builder
         */
        public Builder optChunk(int chunk) {
            this.chunk = chunk;
            return this;
        }

        /**
         * Sets the largest number of distance-matrix elements the k-NN search computes at once, which bounds its
         * memory ({@code stml.eval.chunk-elements}); the search includes each image in its own list.
         *
         * @param chunkElements at least 1, default {@link ExactKnn#DEFAULT_CHUNK_ELEMENTS}
         * @return this builder
         */
        public Builder optChunkElements(long chunkElements) {
            this.chunkElements = chunkElements;
            return this;
        }

        /**
         * Builds the rebuilder.
         *
         * @return a new rebuilder
         */
        public NeighbourTableBuilder build() {
            Objects.requireNonNull(loader, "the neighbour-table builder needs a loader");
            Objects.requireNonNull(transform, "the neighbour-table builder needs the sampler transform");
            if (neighbours < 1 || chunk < 1 || chunkElements < 1) {
                throw new IllegalArgumentException("nn, chunk and chunk elements must be >= 1, got " + neighbours
                        + ", " + chunk + ", " + chunkElements);
            }
            return new NeighbourTableBuilder(this);
        }
    }
}
