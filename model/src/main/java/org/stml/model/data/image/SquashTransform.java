package org.stml.model.data.image;

import java.util.Random;
import org.stml.model.data.RgbImage;

/**
 * The view the nearest-neighbour batch sampler embeds: torchvision's {@code Resize((S, S))}, the whole image squashed
 * to S × S (aspect not kept) with PIL's bilinear filter ({@link ResampleAxis}), no crop and no flip, written as 8-bit
 * values in the channel order of a {@link Normalization}, which the device applies. Deterministic: the
 * {@link Random} is not used.
 */
public final class SquashTransform implements ViewTransform {

    private final int size;
    private final Normalization normalization;

    /**
     * Creates the transform.
     *
     * @param size the output side S
     * @param normalization the mapping to network input
     */
    public SquashTransform(int size, Normalization normalization) {
        if (size < 1) {
            throw new IllegalArgumentException("the output size must be positive, got " + size);
        }
        this.size = size;
        this.normalization = normalization;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Normalization normalization() {
        return normalization;
    }

    @Override
    public void apply(RgbImage image, Random random, byte[] destination, int offset) {
        RgbImage resized = Resampler.resample(image, ResampleAxis.of(0, image.width(), size),
                ResampleAxis.of(0, image.height(), size));
        normalization.writeChw(resized, false, destination, offset);
    }

    /**
     * Describes the effective options.
     *
     * @return the output size and the normalisation
     */
    @Override
    public String toString() {
        return "SquashTransform[size=" + size + ", normalization=" + normalization + "]";
    }
}
