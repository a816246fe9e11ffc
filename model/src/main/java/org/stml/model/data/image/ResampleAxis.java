package org.stml.model.data.image;

/**
 * The bilinear filter taps along one axis of a resize, computed the way PIL's {@code Image.resize(size, BILINEAR)}
 * computes them, so that the results match PIL (and torchvision on PIL images) to the last grey level.
 *
 * <p>A window of the source, {@code windowLength} pixels from {@code windowStart}, is resized to {@code scaledLength}
 * pixels, of which {@code outputs} pixels from {@code firstOutput} are produced. Output pixel {@code o} has its centre
 * at {@code (firstOutput + o + 0.5) · scale} source pixels from the window start, {@code scale = windowLength /
 * scaledLength} (pixel centres at half-integers). It takes a triangle filter of radius {@code max(scale, 1)}: when
 * upscaling this is plain bilinear interpolation between the two nearest pixel centres; when downscaling the filter
 * widens so that every source pixel contributes (antialiasing). Taps outside the window are dropped and the weights
 * renormalised, which replicates the edge pixels. Weights are rounded to 22-bit fixed point.
 */
final class ResampleAxis {

    /** The fractional bits of the fixed-point weights. */
    static final int PRECISION_BITS = 22;

    private final int[] firstTap;
    private final int[] tapCount;
    private final int[] weights;
    private final int kernelSize;

    private ResampleAxis(int[] firstTap, int[] tapCount, int[] weights, int kernelSize) {
        this.firstTap = firstTap;
        this.tapCount = tapCount;
        this.weights = weights;
        this.kernelSize = kernelSize;
    }

    /**
     * Computes the taps of a whole resize of a window: every output pixel from 0.
     *
     * @param windowStart the first source pixel of the window
     * @param windowLength the window length, at least 1
     * @param outputs the output length, at least 1
     * @return the taps
     */
    static ResampleAxis of(int windowStart, int windowLength, int outputs) {
        return of(windowStart, windowLength, outputs, 0, outputs);
    }

    /**
     * Computes the taps of part of a resize, as a resize followed by a crop.
     *
     * @param windowStart the first source pixel of the window
     * @param windowLength the window length, at least 1
     * @param scaledLength the length the whole window is resized to
     * @param firstOutput the first resized pixel produced
     * @param outputs the number of resized pixels produced
     * @return the taps
     */
    static ResampleAxis of(int windowStart, int windowLength, int scaledLength, int firstOutput, int outputs) {
        if (windowLength < 1 || outputs < 1 || firstOutput < 0 || firstOutput + outputs > scaledLength) {
            throw new IllegalArgumentException("cannot take pixels " + firstOutput + ".." + (firstOutput + outputs)
                    + " of a resize of " + windowLength + " pixels to " + scaledLength);
        }
        double scale = (double) windowLength / scaledLength;
        double filterScale = Math.max(scale, 1.0);
        int kernelSize = (int) Math.ceil(filterScale) * 2 + 1;
        int[] firstTap = new int[outputs];
        int[] tapCount = new int[outputs];
        int[] weights = new int[outputs * kernelSize];
        double[] kernel = new double[kernelSize];
        for (int o = 0; o < outputs; o++) {
            double centre = (firstOutput + o + 0.5) * scale;
            int min = Math.max(0, (int) (centre - filterScale + 0.5));
            int count = Math.min(windowLength, (int) (centre + filterScale + 0.5)) - min;
            double total = 0;
            for (int t = 0; t < count; t++) {
                kernel[t] = triangle((min + t - centre + 0.5) / filterScale);
                total += kernel[t];
            }
            for (int t = 0; t < count; t++) {
                weights[o * kernelSize + t] = (int) (0.5 + kernel[t] / total * (1 << PRECISION_BITS));
            }
            firstTap[o] = windowStart + min;
            tapCount[o] = count;
        }
        return new ResampleAxis(firstTap, tapCount, weights, kernelSize);
    }

    private static double triangle(double x) {
        return Math.max(0.0, 1.0 - Math.abs(x));
    }

    /**
     * Returns the number of output pixels.
     *
     * @return the output length
     */
    int outputs() {
        return firstTap.length;
    }

    /**
     * Returns the first source pixel read by an output pixel.
     *
     * @param output the output pixel
     * @return a source index
     */
    int firstTap(int output) {
        return firstTap[output];
    }

    /**
     * Returns the number of source pixels read by an output pixel.
     *
     * @param output the output pixel
     * @return at least 1
     */
    int tapCount(int output) {
        return tapCount[output];
    }

    /**
     * Returns one fixed-point weight.
     *
     * @param output the output pixel
     * @param tap the tap, from 0 to {@link #tapCount(int)}
     * @return the weight, scaled by 2^{@value #PRECISION_BITS}
     */
    int weight(int output, int tap) {
        return weights[output * kernelSize + tap];
    }

    /**
     * Returns the first source pixel any output pixel reads.
     *
     * @return a source index
     */
    int sourceStart() {
        return firstTap[0];
    }

    /**
     * Returns one past the last source pixel any output pixel reads.
     *
     * @return a source index
     */
    int sourceEnd() {
        int last = outputs() - 1;
        return firstTap[last] + tapCount[last];
    }
}
