package org.stml.model.data.image;

import java.util.Random;
import org.stml.model.data.RgbImage;

/**
 * The training view of STML: a {@link RandomResizedCrop} box resized to S × S with PIL's bilinear filter
 * ({@link ResampleAxis}), a horizontal flip with probability {@code p}, written as 8-bit values in the channel order
 * of a {@link Normalization}, which the device applies. The flip is drawn after the box, as
 * {@code random.nextDouble() < p}.
 */
public final class TrainTransform implements ViewTransform {

    private final int size;
    private final RandomResizedCrop crop;
    private final double flipProbability;
    private final Normalization normalization;

    private TrainTransform(Builder builder) {
        this.size = builder.size;
        this.crop = new RandomResizedCrop(builder.minScale, builder.maxScale, builder.minRatio, builder.maxRatio);
        this.flipProbability = builder.flipProbability;
        this.normalization = builder.normalization;
    }

    /**
     * Starts a builder with the reference's defaults: S = 224, scale (0.16, 1), ratio (3/4, 4/3), flip 0.5,
     * ImageNet normalisation.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
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
        CropBox box = crop.sample(image.width(), image.height(), random);
        boolean mirrored = random.nextDouble() < flipProbability;
        RgbImage resized = Resampler.resample(image, ResampleAxis.of(box.left(), box.width(), size),
                ResampleAxis.of(box.top(), box.height(), size));
        normalization.writeChw(resized, mirrored, destination, offset);
    }

    /**
     * Describes the effective options.
     *
     * @return the output size, the crop, the flip probability and the normalisation
     */
    @Override
    public String toString() {
        return "TrainTransform[size=" + size + ", crop=" + crop + ", flipProbability=" + flipProbability
                + ", normalization=" + normalization + "]";
    }

    /** Options of a {@link TrainTransform}. */
    public static final class Builder {

        private int size = 224;
        private double minScale = 0.16;
        private double maxScale = 1.0;
        private double minRatio = 3.0 / 4.0;
        private double maxRatio = 4.0 / 3.0;
        private double flipProbability = 0.5;
        private Normalization normalization = Normalization.IMAGENET;

        private Builder() {}

        /**
         * Sets the output side S.
         *
         * @param size 224 or 227 for the real backbones, 32 for CIFAR-size runs
         * @return this builder
         */
        public Builder optSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("the output size must be positive, got " + size);
            }
            this.size = size;
            return this;
        }

        /**
         * Sets the range of the crop area as a fraction of the image area.
         *
         * @param min the smallest fraction
         * @param max the largest fraction
         * @return this builder
         */
        public Builder optScale(double min, double max) {
            this.minScale = min;
            this.maxScale = max;
            return this;
        }

        /**
         * Sets the range of the crop aspect ratio (width / height).
         *
         * @param min the smallest ratio
         * @param max the largest ratio
         * @return this builder
         */
        public Builder optRatio(double min, double max) {
            this.minRatio = min;
            this.maxRatio = max;
            return this;
        }

        /**
         * Sets the probability of the horizontal flip.
         *
         * @param probability in [0, 1]
         * @return this builder
         */
        public Builder optFlipProbability(double probability) {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("the flip probability must be in [0, 1], got " + probability);
            }
            this.flipProbability = probability;
            return this;
        }

        /**
         * Sets the normalisation.
         *
         * @param normalization the mapping to network input
         * @return this builder
         */
        public Builder optNormalization(Normalization normalization) {
            this.normalization = normalization;
            return this;
        }

        /**
         * Builds the transform.
         *
         * @return the transform
         */
        public TrainTransform build() {
            return new TrainTransform(this);
        }
    }
}
