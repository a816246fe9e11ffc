package org.stml.model.data.layout;

import java.util.OptionalInt;

/**
 * Options of the dataset layouts: the class split of the class-per-folder layouts ({@code folder}, {@code cifar10}),
 * the Omniglot split and where the CIFAR-10 held-out images come from. A layout ignores the options it does not use;
 * the benchmark layouts ({@code cub}, {@code cars}, {@code sop}) have fixed splits.
 */
public final class LayoutOptions {

    private static final double EPSILON = 1e-9;

    private final OptionalInt trainClasses;
    private final double trainFraction;
    private final OmniglotSplit omniglotSplit;
    private final boolean heldOutFromTrainFolder;

    private LayoutOptions(Builder builder) {
        this.trainClasses = builder.trainClasses;
        this.trainFraction = builder.trainFraction;
        this.omniglotSplit = builder.omniglotSplit;
        this.heldOutFromTrainFolder = builder.heldOutFromTrainFolder;
    }

    /**
     * Returns a builder with the defaults: the first half of the classes train, alternate Omniglot characters,
     * CIFAR-10 held-out images from the test folder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the default options.
     *
     * @return the defaults of {@link #builder()}
     */
    public static LayoutOptions defaults() {
        return builder().build();
    }

    /**
     * Returns the number of leading classes (in sorted order) that train, when set explicitly.
     *
     * @return the count, or empty when {@link #trainFraction()} decides
     */
    public OptionalInt trainClasses() {
        return trainClasses;
    }

    /**
     * Returns the fraction of the classes that train when no explicit count is set.
     *
     * @return a fraction in (0, 1]
     */
    public double trainFraction() {
        return trainFraction;
    }

    /**
     * Returns how Omniglot characters are split.
     *
     * @return the split mode
     */
    public OmniglotSplit omniglotSplit() {
        return omniglotSplit;
    }

    /**
     * Tells whether the CIFAR-10 held-out classes are read from the {@code train} folder instead of {@code test}.
     *
     * @return true to read them from the train folder
     */
    public boolean heldOutFromTrainFolder() {
        return heldOutFromTrainFolder;
    }

    /**
     * Returns how many of the leading classes train: the explicit count if set (which may exceed {@code classes};
     * the layout reports that), otherwise ⌊fraction × classes⌋, at least 1.
     *
     * @param classes the number of classes found
     * @return the number of training classes
     */
    public int trainClassCount(int classes) {
        if (trainClasses.isPresent()) {
            return trainClasses.getAsInt();
        }
        return Math.max(1, (int) Math.floor(trainFraction * classes + EPSILON));
    }

    /** Builder of {@link LayoutOptions}. */
    public static final class Builder {

        private OptionalInt trainClasses = OptionalInt.empty();
        private double trainFraction = 0.5;
        private OmniglotSplit omniglotSplit = OmniglotSplit.ALTERNATE_CHARACTERS;
        private boolean heldOutFromTrainFolder;

        private Builder() {}

        /**
         * Makes the first {@code count} classes in sorted order train and the rest held out ({@code folder},
         * {@code cifar10}); overrides {@link #optTrainFraction}.
         *
         * @param count the number of training classes, positive
         * @return this builder
         */
        public Builder optTrainClasses(int count) {
            if (count <= 0) {
                throw new IllegalArgumentException("the number of train classes must be positive, got " + count);
            }
            this.trainClasses = OptionalInt.of(count);
            return this;
        }

        /**
         * Makes the first ⌊fraction × classes⌋ classes (at least one) in sorted order train ({@code folder},
         * {@code cifar10}); 1 trains on every class and leaves no held-out set.
         *
         * @param fraction a fraction in (0, 1], default 0.5
         * @return this builder
         */
        public Builder optTrainFraction(double fraction) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("the train class fraction must be in (0, 1], got " + fraction);
            }
            this.trainFraction = fraction;
            return this;
        }

        /**
         * Sets how Omniglot characters are split.
         *
         * @param split the mode, default {@link OmniglotSplit#ALTERNATE_CHARACTERS}
         * @return this builder
         */
        public Builder optOmniglotSplit(OmniglotSplit split) {
            if (split == null) {
                throw new IllegalArgumentException("the Omniglot split must not be null");
            }
            this.omniglotSplit = split;
            return this;
        }

        /**
         * Reads the CIFAR-10 held-out classes from the {@code train} folder (5,000 images per class) instead of the
         * {@code test} folder (1,000 per class).
         *
         * @param fromTrainFolder true to use the train folder, default false
         * @return this builder
         */
        public Builder optHeldOutFromTrainFolder(boolean fromTrainFolder) {
            this.heldOutFromTrainFolder = fromTrainFolder;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public LayoutOptions build() {
            return new LayoutOptions(this);
        }
    }
}
