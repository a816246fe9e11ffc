package org.stml.model.data.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;

/**
 * A batch of views in host memory, as 8-bit pixels: V views of each of B' images, view-major (rows 0..B'−1 are view
 * 1 of the images, rows B'..2B'−1 view 2, …), every row 3 × S × S unsigned bytes, channel-major (channel, then row
 * y, then column x), the channels in the network's order as {@link Normalization#writeChw} writes them (RGB, or BGR
 * for {@link Normalization#CAFFE}); the values are the resampled 8-bit pixels, already mirrored where a view was
 * flipped. {@link #toNetworkInput} turns them into the network's float input on the receiving device. The arrays
 * are shared, not copied.
 *
 * @param pixels (V·B') × 3 × S × S uint8 values (Java bytes: read them as {@code b & 0xFF})
 * @param normalization the mapping the pixels were laid out for, applied by {@link #toNetworkInput}
 * @param views V, at least 1
 * @param images B', the images that could be read, in the order asked for
 * @param size S, the side of every view
 * @param datasetIndices the dataset index of every row, V·B' entries
 * @param skipped the dataset indices asked for that were left out as unreadable, in the order asked for
 */
public record HostBatch(byte[] pixels, Normalization normalization, int views, int images, int size,
        int[] datasetIndices, int[] skipped) {

    /** Checks the lengths. */
    public HostBatch {
        long rows = (long) views * images;
        if (views < 1 || images < 0 || size < 1 || datasetIndices.length != rows
                || pixels.length != rows * 3 * size * size) {
            throw new IllegalArgumentException("a batch of " + views + " views of " + images + " images of size "
                    + size + " needs " + rows + " indices and " + rows * 3 * size * size + " bytes, got "
                    + datasetIndices.length + " and " + pixels.length);
        }
        if (normalization == null) {
            throw new IllegalArgumentException("a batch needs the normalisation its pixels were written for");
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

    /**
     * Copies the pixels to a manager's device and normalises them there ({@link Normalization#toNetworkInput}); the
     * uint8 copy is closed before returning.
     *
     * @param manager where the network input lives
     * @return (V·B') × 3 × S × S float32, attached to {@code manager}
     */
    public NDArray toNetworkInput(NDManager manager) {
        try (NDArray bytes = manager.create(ByteBuffer.wrap(pixels), shape(), DataType.UINT8)) {
            return normalization.toNetworkInput(bytes);
        }
    }
}
