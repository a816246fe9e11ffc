package org.stml.model.data.image;

import java.util.Random;

/**
 * Draws the crop box of torchvision's {@code RandomResizedCrop}: up to 10 attempts, each drawing an area uniformly
 * from {@code scale} × the image area and an aspect ratio (width / height) log-uniformly from {@code ratio}; the
 * first box that fits, {@code w = round(√(area · ratio))}, {@code h = round(√(area / ratio))} (rounding half to
 * even, as Python does), is placed with its top drawn uniformly from [0, H − h] and then its left from [0, W − w].
 * When all attempts fail the box is the central crop of the whole image with its ratio clamped to the range.
 *
 * <p>Every draw comes from the given {@link Random}, in the order above: per attempt {@code nextDouble()} for the
 * area then for the ratio, and on success {@code nextInt(H − h + 1)} then {@code nextInt(W − w + 1)}.
 */
public final class RandomResizedCrop {

    private static final int ATTEMPTS = 10;

    private final double minScale;
    private final double maxScale;
    private final double minRatio;
    private final double maxRatio;

    /**
     * Creates a sampler.
     *
     * @param minScale the smallest fraction of the image area, in (0, maxScale]
     * @param maxScale the largest fraction of the image area
     * @param minRatio the smallest aspect ratio (width / height), in (0, maxRatio]
     * @param maxRatio the largest aspect ratio
     */
    public RandomResizedCrop(double minScale, double maxScale, double minRatio, double maxRatio) {
        if (!(minScale > 0 && minScale <= maxScale && minRatio > 0 && minRatio <= maxRatio)) {
            throw new IllegalArgumentException("RandomResizedCrop needs 0 < min <= max, got scale (" + minScale + ", "
                    + maxScale + "), ratio (" + minRatio + ", " + maxRatio + ")");
        }
        this.minScale = minScale;
        this.maxScale = maxScale;
        this.minRatio = minRatio;
        this.maxRatio = maxRatio;
    }

    /**
     * Draws a crop box.
     *
     * @param width the image width W
     * @param height the image height H
     * @param random the source of the draws
     * @return a box inside the image
     */
    public CropBox sample(int width, int height, Random random) {
        double area = (double) width * height;
        double logMin = Math.log(minRatio);
        double logMax = Math.log(maxRatio);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double targetArea = area * (minScale + (maxScale - minScale) * random.nextDouble());
            double ratio = Math.exp(logMin + (logMax - logMin) * random.nextDouble());
            int w = (int) Math.rint(Math.sqrt(targetArea * ratio));
            int h = (int) Math.rint(Math.sqrt(targetArea / ratio));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int top = random.nextInt(height - h + 1);
                int left = random.nextInt(width - w + 1);
                return new CropBox(left, top, w, h);
            }
        }
        return centralFallback(width, height);
    }

    /**
     * Describes the effective ranges.
     *
     * @return the scale and ratio ranges
     */
    @Override
    public String toString() {
        return "RandomResizedCrop[scale=(" + minScale + ", " + maxScale + "), ratio=(" + minRatio + ", " + maxRatio
                + ")]";
    }

    private CropBox centralFallback(int width, int height) {
        double imageRatio = (double) width / height;
        int w = width;
        int h = height;
        if (imageRatio < minRatio) {
            h = (int) Math.rint(width / minRatio);
        } else if (imageRatio > maxRatio) {
            w = (int) Math.rint(height * maxRatio);
        }
        return new CropBox((width - w) / 2, (height - h) / 2, w, h);
    }
}
