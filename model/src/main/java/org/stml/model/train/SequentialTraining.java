package org.stml.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import java.util.function.Consumer;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.image.HostBatch;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.ViewTransform;
import org.stml.model.data.sampler.NeighbourBatchSampler;
import org.stml.model.data.sampler.NeighbourTable;
import org.stml.model.data.sampler.NeighbourTableBuilder;

/**
 * The reference STML training loop, sequential and in one thread (docs/ALGORITHM.md §5): at the start of every epoch the
 * nearest-neighbour table is rebuilt from the student's g head, then each batch of B dataset indices is drawn by the
 * sampler, loaded in V independently augmented views (two by default, as the paper), and given to
 * {@link StmlTrainer#step}; the learning-rate schedules move per epoch. The actor pipeline with
 * {@code max-teacher-lag = 0} is checked against this loop.
 */
public final class SequentialTraining {

    private final StmlTrainer trainer;
    private final ImageDataset dataset;
    private final ParallelImageLoader loader;
    private final ViewTransform transform;
    private final NeighbourTableBuilder rebuilder;
    private final int batchSize;
    private final int views;
    private final int rebuildEvery;
    private final long seed;
    private NeighbourTable current;

    private SequentialTraining(Builder builder) {
        this.trainer = builder.trainer;
        this.dataset = builder.dataset;
        this.loader = builder.loader;
        this.transform = builder.transform;
        this.rebuilder = builder.rebuilder;
        this.batchSize = builder.batchSize;
        this.views = builder.views;
        this.rebuildEvery = builder.rebuildEvery;
        this.seed = builder.seed;
    }

    /**
     * Returns a builder; the trainer, dataset, loader, transform and rebuilder are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one epoch: rebuild the sampler, then {@link NeighbourBatchSampler#stepsPerEpoch} steps, rebuilding again
     * every N steps when a step cadence is set.
     *
     * @param epoch the epoch, from 0
     * @param manager the networks' manager; batches live in sub-managers closed after each step
     * @param onStep called after every step
     * @return what the epoch did
     */
    public EpochSummary runEpoch(int epoch, NDManager manager, Consumer<StepResult> onStep) {
        return runEpoch(epoch, 0, Integer.MAX_VALUE, null, manager, onStep);
    }

    /**
     * Runs the steps {@code [fromStep, untilStep)} of an epoch, for runs that stop and resume within an epoch. From
     * step 0 the epoch starts with a rebuild, as {@link #runEpoch(int, NDManager, Consumer)} does; from a later step
     * it starts with the table in use when the run stopped (as {@link #neighbourTable()} returned it then), and
     * rebuilds at the step cadence as usual. Batch t of epoch e and its augmentations do not depend on where the run
     * started, so stopping and resuming draws exactly the batches of an uninterrupted run.
     *
     * @param epoch the epoch, from 0
     * @param fromStep the first step to run, from 0
     * @param untilStep the step to stop before; steps beyond the epoch's are not run
     * @param table the table to resume with: {@code null} when {@code fromStep} is 0, required otherwise
     * @param manager the networks' manager; batches live in sub-managers closed after each step
     * @param onStep called after every step
     * @return what these steps did
     * @throws IllegalArgumentException if the step range or the presence of the table is wrong
     */
    public EpochSummary runEpoch(int epoch, int fromStep, int untilStep, NeighbourTable table, NDManager manager,
            Consumer<StepResult> onStep) {
        if (fromStep < 0 || untilStep < fromStep || (fromStep == 0) != (table == null)) {
            throw new IllegalArgumentException("steps [" + fromStep + ", " + untilStep + ") need a table exactly "
                    + "when resuming after step 0; table given: " + (table != null));
        }
        trainer.startEpoch(epoch);
        double firstRebuild = 0;
        int rebuilds = 0;
        if (table == null) {
            NeighbourTableBuilder.Rebuild rebuild = rebuild(manager);
            firstRebuild = rebuild.seconds();
            rebuilds++;
            table = rebuild.table();
        }
        current = table;
        NeighbourBatchSampler sampler = new NeighbourBatchSampler(table, batchSize, seed);
        int steps = Math.min(NeighbourBatchSampler.stepsPerEpoch(dataset.size(), batchSize), untilStep);
        double laterRebuilds = 0;
        double lossSum = 0;
        int applied = 0;
        long images = 0;
        long start = System.nanoTime();
        for (int step = fromStep; step < steps; step++) {
            if (step > 0 && step % rebuildEvery == 0) {
                NeighbourTableBuilder.Rebuild rebuild = rebuild(manager);
                laterRebuilds += rebuild.seconds();
                rebuilds++;
                current = rebuild.table();
                sampler = new NeighbourBatchSampler(current, batchSize, seed);
            }
            HostBatch batch = loader.load(dataset, sampler.batch(epoch, step), transform, views,
                    batchSeed(seed, epoch, step));
            StepResult result = step(batch, manager);
            images += batch.images();
            if (result.applied()) {
                lossSum += result.total();
                applied++;
            }
            onStep.accept(result);
        }
        double seconds = (System.nanoTime() - start) / 1e9 - laterRebuilds;
        int ran = Math.max(0, steps - fromStep);
        return new EpochSummary(epoch, ran, applied == 0 ? Double.NaN : lossSum / applied, ran - applied,
                rebuilds, firstRebuild + laterRebuilds, seconds, images);
    }

    /**
     * Returns the neighbour table the sampler used for the latest step, for checkpoints.
     *
     * @return the table, or {@code null} before the first epoch started
     */
    public NeighbourTable neighbourTable() {
        return current;
    }

    private NeighbourTableBuilder.Rebuild rebuild(NDManager manager) {
        return rebuilder.rebuild(trainer.student(), new ParameterStore(manager, false), dataset, manager);
    }

    private StepResult step(HostBatch batch, NDManager manager) {
        try (NDManager batchManager = manager.newSubManager()) {
            NDArray views = batch.toNetworkInput(batchManager);
            NDArray datasetIndex = batchManager.create(batch.datasetIndices());
            return trainer.step(views, datasetIndex);
        }
    }

    /**
     * Returns the augmentation seed of one batch, shared with the actor pipeline so both draw the same views.
     *
     * @param seed the run seed
     * @param epoch the epoch
     * @param step the step within the epoch
     * @return the seed of the batch's views
     */
    public static long batchSeed(long seed, int epoch, int step) {
        return (seed * 31 + epoch) * 1_000_003L + step;
    }

    /** Builds a {@link SequentialTraining}. */
    public static final class Builder {
        private StmlTrainer trainer;
        private ImageDataset dataset;
        private ParallelImageLoader loader;
        private ViewTransform transform;
        private NeighbourTableBuilder rebuilder;
        private int batchSize = 120;
        private int views = 2;
        private int rebuildEvery = Integer.MAX_VALUE;
        private long seed;

        private Builder() {}

        /**
         * Sets the trainer (networks, similarity, loss, optimizer, EMA); required.
         *
         * @param trainer the trainer
         * @return this builder
         */
        public Builder setTrainer(StmlTrainer trainer) {
            this.trainer = trainer;
            return this;
        }

        /**
         * Sets the training set; required. Its labels are never read.
         *
         * @param dataset the images
         * @return this builder
         */
        public Builder setDataset(ImageDataset dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * Sets the image loader; required.
         *
         * @param loader the loader
         * @return this builder
         */
        public Builder setLoader(ParallelImageLoader loader) {
            this.loader = loader;
            return this;
        }

        /**
         * Sets the training-view transform (RandomResizedCrop + flip); required.
         *
         * @param transform the transform
         * @return this builder
         */
        public Builder setTransform(ViewTransform transform) {
            this.transform = transform;
            return this;
        }

        /**
         * Sets the neighbour-table rebuilder (its nn must match the similarity's); required.
         *
         * @param rebuilder the rebuilder
         * @return this builder
         */
        public Builder setRebuilder(NeighbourTableBuilder rebuilder) {
            this.rebuilder = rebuilder;
            return this;
        }

        /**
         * Sets B, images per batch before views (a multiple of nn).
         *
         * @param batchSize default 120
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets V, the augmented views loaded of each image of a batch (the similarity's views must match).
         *
         * @param views at least 1, default 2 (the paper)
         * @return this builder
         */
        public Builder optViews(int views) {
            this.views = views;
            return this;
        }

        /**
         * Rebuilds the neighbour table every N steps within an epoch as well as at its start (for long epochs or
         * streams); by default only at the start of each epoch, as the paper does.
         *
         * @param steps at least 1
         * @return this builder
         */
        public Builder optRebuildEvery(int steps) {
            this.rebuildEvery = steps;
            return this;
        }

        /**
         * Sets the seed of batch draws and augmentations.
         *
         * @param seed default 0
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the loop.
         *
         * @return a new loop
         */
        public SequentialTraining build() {
            if (batchSize < 1 || views < 1 || rebuildEvery < 1) {
                throw new IllegalArgumentException("batch size, views and rebuild cadence must be >= 1, got "
                        + batchSize + ", " + views + ", " + rebuildEvery);
            }
            Objects.requireNonNull(trainer, "sequential training needs a trainer");
            Objects.requireNonNull(dataset, "sequential training needs a dataset");
            Objects.requireNonNull(loader, "sequential training needs a loader");
            Objects.requireNonNull(transform, "sequential training needs a training transform");
            Objects.requireNonNull(rebuilder, "sequential training needs a neighbour-table rebuilder");
            return new SequentialTraining(this);
        }
    }
}
