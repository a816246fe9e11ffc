package org.stml.model.data.image;

import org.stml.model.data.RgbImage;

/**
 * The float CHW input as the host used to write it, before batches travelled as uint8: output channel c of pixel
 * (x, y) is {@code normalize(c, source channel of c)} of pixel (x, y), or of (W − 1 − x, y) when mirrored. The
 * device path must reproduce it bit for bit.
 */
final class HostFloatReference {

    private HostFloatReference() {}

    /** Writes an image as 3 × H × W floats at {@code offset}. */
    static void writeChw(Normalization normalization, RgbImage image, boolean mirrored, float[] destination,
            int offset) {
        int width = image.width();
        int height = image.height();
        int o = offset;
        for (int channel = 0; channel < 3; channel++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int column = mirrored ? width - 1 - x : x;
                    int value = image.value(column, y, normalization.sourceChannel(channel));
                    destination[o++] = normalization.normalize(channel, value);
                }
            }
        }
    }
}
