package org.stml.model.nn;

/**
 * Construction options of a backbone: the input stem of the ResNets and the base width of the small ConvNet.
 * Options a backbone does not use are ignored by it.
 */
public final class BackboneOptions {

    private final Stem stem;
    private final int width;

    private BackboneOptions(Builder builder) {
        this.stem = builder.stem;
        this.width = builder.width;
    }

    /**
     * Returns a builder with the defaults: {@link Stem#IMAGENET}, width 32.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the default options.
     *
     * @return {@link Stem#IMAGENET}, width 32
     */
    public static BackboneOptions defaults() {
        return builder().build();
    }

    /**
     * Returns the ResNet input stem.
     *
     * @return the stem
     */
    public Stem stem() {
        return stem;
    }

    /**
     * Returns the base width w of the small ConvNet (stages w, 2w, 4w, 8w).
     *
     * @return the base width
     */
    public int width() {
        return width;
    }

    /** Builder of {@link BackboneOptions}. */
    public static final class Builder {

        private Stem stem = Stem.IMAGENET;
        private int width = 32;

        private Builder() {}

        /**
         * Sets the ResNet input stem.
         *
         * @param stem the stem, default {@link Stem#IMAGENET}
         * @return this builder
         */
        public Builder optStem(Stem stem) {
            if (stem == null) {
                throw new IllegalArgumentException("stem must not be null");
            }
            this.stem = stem;
            return this;
        }

        /**
         * Sets the base width of the small ConvNet.
         *
         * @param width the base width, positive, default 32
         * @return this builder
         */
        public Builder optWidth(int width) {
            if (width <= 0) {
                throw new IllegalArgumentException("width must be positive, got " + width);
            }
            this.width = width;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public BackboneOptions build() {
            return new BackboneOptions(this);
        }
    }
}
