package org.stml.model.data.image;

import org.stml.model.data.RgbImage;

/**
 * Turns 8-bit RGB pixels into the float CHW input of a network. Every mapping is a lookup table of 256 values per
 * output channel, computed in float the way torchvision's {@code ToTensor} and {@code Normalize} compute them.
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
     * Writes an image as 3 × height × width floats, channel-major, in this normalisation.
     *
     * @param image the pixels
     * @param mirrored whether to flip the image left to right on the way
     * @param destination the array written to
     * @param offset the index of the first float written
     */
    public void writeChw(RgbImage image, boolean mirrored, float[] destination, int offset) {
        int width = image.width();
        int height = image.height();
        byte[] pixels = image.pixels();
        for (int channel = 0; channel < 3; channel++) {
            float[] table = tables[channel];
            int source = sourceChannels[channel];
            int o = offset + channel * width * height;
            for (int y = 0; y < height; y++) {
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    int column = mirrored ? width - 1 - x : x;
                    destination[o++] = table[pixels[(row + column) * 3 + source] & 0xFF];
                }
            }
        }
    }
}
