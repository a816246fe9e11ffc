package org.stml.model.data.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.stml.model.data.RgbImage;

/**
 * Turns 8-bit RGB pixels into the float CHW input of a network, in two halves: on the host,
 * {@link #writeChw} lays the 8-bit values out channel-major in the network's channel order (uint8, a quarter of the
 * bytes of floats, for batches that travel between actors); on the device, {@link #toNetworkInput} maps them to
 * floats. Every mapping is a lookup table of 256 values per output channel, computed in float the way
 * torchvision's {@code ToTensor} and {@code Normalize} compute them; the device looks the same table up rather than
 * recomputing the formula, so its floats are the table's, bit for bit.
 */
public enum Normalization {

    /**
     * RGB order, {@code (v / 255 − mean) / std} with mean (0.485, 0.456, 0.406) and std (0.229, 0.227, 0.225): the
     * reference's values (its green std is 0.227, not torchvision's 0.224). For the ImageNet ResNet and GoogLeNet
     * backbones.
     */
    IMAGENET(new int[] {0, 1, 2}, 255f, new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.227f, 0.225f}),

    /**
     * BGR order, 0–255, minus (B, G, R) = (104, 117, 128), no division: the Caffe BN-Inception convention.
     */
    CAFFE(new int[] {2, 1, 0}, 1f, new float[] {104f, 117f, 128f}, new float[] {1f, 1f, 1f}),

    /** RGB order, {@code v / 255}, no mean or std: for Tiny Darknet and the synthetic data. */
    UNIT(new int[] {0, 1, 2}, 255f, new float[] {0f, 0f, 0f}, new float[] {1f, 1f, 1f});

    private final int[] sourceChannels;
    private final float[][] tables;

    Normalization(int[] sourceChannels, float divisor, float[] mean, float[] std) {
        this.sourceChannels = sourceChannels;
        this.tables = new float[3][256];
        for (int channel = 0; channel < 3; channel++) {
            for (int v = 0; v < 256; v++) {
                tables[channel][v] = (v / divisor - mean[channel]) / std[channel];
            }
        }
    }

    /**
     * Returns the RGB channel that feeds an output channel.
     *
     * @param outputChannel 0, 1 or 2 in the network's order
     * @return 0 red, 1 green or 2 blue
     */
    public int sourceChannel(int outputChannel) {
        return sourceChannels[outputChannel];
    }

    /**
     * Normalises one 8-bit value.
     *
     * @param outputChannel 0, 1 or 2 in the network's order
     * @param value the value of the {@linkplain #sourceChannel(int) source channel}, 0–255
     * @return the network input
     */
    public float normalize(int outputChannel, int value) {
        return tables[outputChannel][value];
    }

    /**
     * Writes an image as 3 × height × width 8-bit values, channel-major, in the network's channel order: output
     * channel c holds the {@linkplain #sourceChannel(int) source channel} of c, so that {@link #toNetworkInput} maps
     * channel c with table c alone.
     *
     * @param image the pixels
     * @param mirrored whether to flip the image left to right on the way
     * @param destination the array written to, uint8 values
     * @param offset the index of the first byte written
     */
    public void writeChw(RgbImage image, boolean mirrored, byte[] destination, int offset) {
        int width = image.width();
        int height = image.height();
        byte[] pixels = image.pixels();
        for (int channel = 0; channel < 3; channel++) {
            int source = sourceChannels[channel];
            int o = offset + channel * width * height;
            for (int y = 0; y < height; y++) {
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    int column = mirrored ? width - 1 - x : x;
                    destination[o++] = pixels[(row + column) * 3 + source];
                }
            }
        }
    }

    /**
     * Maps a batch written by {@link #writeChw} to the network input, on the batch's device: value v of channel c
     * becomes {@link #normalize normalize(c, v)}, looked up in the 3 × 256 table (no arithmetic on the values). The
     * temporary arrays are closed before returning.
     *
     * @param pixels N × 3 × H × W, {@link DataType#UINT8}, in the network's channel order
     * @return N × 3 × H × W float32, attached to the manager of {@code pixels}
     * @throws IllegalArgumentException if {@code pixels} is not a uint8 N × 3 × H × W array
     */
    public NDArray toNetworkInput(NDArray pixels) {
        Shape shape = pixels.getShape();
        if (pixels.getDataType() != DataType.UINT8 || shape.dimension() != 4 || shape.get(1) != 3) {
            throw new IllegalArgumentException("normalisation needs uint8 pixels of shape (N, 3, H, W), got "
                    + pixels.getDataType() + " " + shape);
        }
        NDManager manager = pixels.getManager();
        try (NDArray table = manager.create(flatTable());
                NDArray channelStarts = manager.create(new long[] {0, 256, 512}, new Shape(1, 3, 1, 1));
                NDArray index = pixels.toType(DataType.INT64, false)) {
            return table.take(manager, index.addi(channelStarts));
        }
    }

    /** Returns the three tables one after the other: table c starts at 256·c. */
    private float[] flatTable() {
        float[] flat = new float[3 * 256];
        for (int channel = 0; channel < 3; channel++) {
            System.arraycopy(tables[channel], 0, flat, channel * 256, 256);
        }
        return flat;
    }
}
