package org.stml.model.data.image;

import ai.djl.ndarray.types.Shape;

/**
 * A batch of views in host memory: V views of each of B' images, view-major (rows 0..B'−1 are view 1 of the images,
 * rows B'..2B'−1 view 2, …), every row 3 × S × S floats, channel-major. The arrays are shared, not copied.
 *
 * @param pixels (V·B') × 3 × S × S floats
 * @param views V, at least 1
 * @param images B', the images that could be read, in the order asked for
 * @param size S, the side of every view
 * @param datasetIndices the dataset index of every row, V·B' entries
 * @param skipped the dataset indices asked for that were left out as unreadable, in the order asked for
 */
public record HostBatch(float[] pixels, int views, int images, int size, int[] datasetIndices, int[] skipped) {

    /** Checks the lengths. */
    public HostBatch {
        long rows = (long) views * images;
        if (views < 1 || images < 0 || size < 1 || datasetIndices.length != rows
                || pixels.length != rows * 3 * size * size) {
            throw new IllegalArgumentException("a batch of " + views + " views of " + images + " images of size "
                    + size + " needs " + rows + " indices and " + rows * 3 * size * size + " floats, got "
                    + datasetIndices.length + " and " + pixels.length);
        }
    }

    /**
     * Returns the number of rows, V·B'.
     *
     * @return the row count
     */
    public int rows() {
        return views * images;
    }

    /**
     * Returns the shape of {@link #pixels()}.
     *
     * @return (V·B', 3, S, S)
     */
    public Shape shape() {
        return new Shape(rows(), 3, size, size);
    }
}
