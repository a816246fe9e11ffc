package org.stml.model.data.image;

import java.util.Arrays;
import org.stml.model.data.RgbImage;

/**
 * Separable fixed-point resampling of an 8-bit RGB image: a horizontal pass over the source rows the vertical pass
 * needs, rounded to 8 bits, then a vertical pass, rounded to 8 bits, as PIL does it. The taps come from
 * {@link ResampleAxis}.
 */
final class Resampler {

    private static final int HALF = 1 << (ResampleAxis.PRECISION_BITS - 1);

    private Resampler() {}

    /**
     * Resamples an image.
     *
     * @param image the source
     * @param horizontal the taps along x, reading columns of the source
     * @param vertical the taps along y, reading rows of the source
     * @return an image of {@code horizontal.outputs()} × {@code vertical.outputs()} pixels
     */
    static RgbImage resample(RgbImage image, ResampleAxis horizontal, ResampleAxis vertical) {
        int rowStart = vertical.sourceStart();
        int rows = vertical.sourceEnd() - rowStart;
        byte[] wide = resampleRows(image, horizontal, rowStart, rows);
        return new RgbImage(horizontal.outputs(), vertical.outputs(),
                resampleColumns(wide, horizontal.outputs(), rowStart, vertical));
    }

    private static byte[] resampleRows(RgbImage image, ResampleAxis axis, int rowStart, int rows) {
        byte[] source = image.pixels();
        int width = axis.outputs();
        byte[] out = new byte[rows * width * 3];
        int o = 0;
        for (int row = 0; row < rows; row++) {
            int rowOffset = (rowStart + row) * image.width() * 3;
            for (int x = 0; x < width; x++) {
                int r = HALF;
                int g = HALF;
                int b = HALF;
                int p = rowOffset + axis.firstTap(x) * 3;
                for (int t = 0, taps = axis.tapCount(x); t < taps; t++, p += 3) {
                    int w = axis.weight(x, t);
                    r += w * (source[p] & 0xFF);
                    g += w * (source[p + 1] & 0xFF);
                    b += w * (source[p + 2] & 0xFF);
                }
                out[o++] = clip8(r);
                out[o++] = clip8(g);
                out[o++] = clip8(b);
            }
        }
        return out;
    }

    private static byte[] resampleColumns(byte[] source, int width, int rowStart, ResampleAxis axis) {
        int stride = width * 3;
        byte[] out = new byte[axis.outputs() * stride];
        int[] sums = new int[stride];
        for (int y = 0; y < axis.outputs(); y++) {
            Arrays.fill(sums, HALF);
            int top = (axis.firstTap(y) - rowStart) * stride;
            for (int t = 0, taps = axis.tapCount(y); t < taps; t++) {
                int weight = axis.weight(y, t);
                int row = top + t * stride;
                for (int i = 0; i < stride; i++) {
                    sums[i] += weight * (source[row + i] & 0xFF);
                }
            }
            int o = y * stride;
            for (int i = 0; i < stride; i++) {
                out[o + i] = clip8(sums[i]);
            }
        }
        return out;
    }

    private static byte clip8(int sum) {
        if (sum <= 0) {
            return 0;
        }
        int value = sum >> ResampleAxis.PRECISION_BITS;
        return (byte) Math.min(value, 255);
    }
}
