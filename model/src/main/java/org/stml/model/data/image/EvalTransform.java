package org.stml.model.data.image;

import java.util.Random;
import org.stml.model.data.RgbImage;

/**
 * The evaluation view: torchvision's {@code Resize(resize)} then {@code CenterCrop(crop)}, written as 8-bit values
 * in the channel order of a {@link Normalization}, which the device applies. The shorter side becomes
 * {@code resize} and the longer side {@code ⌊resize · long / short⌋} (aspect kept), with PIL's bilinear filter
 * ({@link ResampleAxis}); the crop starts at {@code round((resized − crop) / 2)} on each axis, rounding half to even
 * as Python does. Only the cropped pixels are computed. Deterministic: the {@link Random} is not used.
 */
public final class EvalTransform implements ViewTransform {

    private final int resize;
    private final int crop;
    private final Normalization normalization;

    private EvalTransform(Builder builder) {
        if (builder.crop > builder.resize) {
            throw new IllegalArgumentException("the centre crop (" + builder.crop + ") cannot exceed the resize ("
                    + builder.resize + ")");
        }
        this.resize = builder.resize;
        this.crop = builder.crop;
        this.normalization = builder.normalization;
    }

    /**
     * Starts a builder with the reference's defaults: resize 256, crop 224, ImageNet normalisation.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int size() {
        return crop;
    }

    /**
     * Returns the crop, in the coordinates of the resized image, that this transform takes from an image.
     *
     * @param width the image width
     * @param height the image height
     * @return the crop box, {@code crop} × {@code crop}
     */
    public CropBox cropBox(int width, int height) {
        int resizedWidth = resizedLength(width, height);
        int resizedHeight = resizedLength(height, width);
        return new CropBox((int) Math.rint((resizedWidth - crop) / 2.0), (int) Math.rint((resizedHeight - crop) / 2.0),
                crop, crop);
    }

    /**
     * Returns the length of one side after the shorter side is resized to {@code resize}.
     *
     * @param side the side asked for
     * @param otherSide the other side
     * @return the resized length of {@code side}
     */
    public int resizedLength(int side, int otherSide) {
        return side <= otherSide ? resize : (int) ((long) resize * side / otherSide);
    }

    @Override
    public Normalization normalization() {
        return normalization;
    }

    @Override
    public void apply(RgbImage image, Random random, byte[] destination, int offset) {
        int width = image.width();
        int height = image.height();
        CropBox box = cropBox(width, height);
        RgbImage cropped = Resampler.resample(image,
                ResampleAxis.of(0, width, resizedLength(width, height), box.left(), crop),
                ResampleAxis.of(0, height, resizedLength(height, width), box.top(), crop));
        normalization.writeChw(cropped, false, destination, offset);
    }

    /**
     * Describes the effective options.
     *
     * @return the resize, the centre crop and the normalisation
     */
    @Override
    public String toString() {
        return "EvalTransform[resize=" + resize + ", crop=" + crop + ", normalization=" + normalization + "]";
    }

    /** Options of an {@link EvalTransform}. */
    public static final class Builder {

        private int resize = 256;
        private int crop = 224;
        private Normalization normalization = Normalization.IMAGENET;

        private Builder() {}

        /**
         * Sets the length the shorter side is resized to.
         *
         * @param resize for example 256, or 32 for CIFAR-size runs
         * @return this builder
         */
        public Builder optResize(int resize) {
            if (resize < 1) {
                throw new IllegalArgumentException("the resize must be positive, got " + resize);
            }
            this.resize = resize;
            return this;
        }

        /**
         * Sets the side of the centre crop, the output size.
         *
         * @param crop for example 224 or 227, or 32 for CIFAR-size runs; at most the resize
         * @return this builder
         */
        public Builder optCrop(int crop) {
            if (crop < 1) {
                throw new IllegalArgumentException("the crop must be positive, got " + crop);
            }
            this.crop = crop;
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
        public EvalTransform build() {
            return new EvalTransform(this);
        }
    }
}
