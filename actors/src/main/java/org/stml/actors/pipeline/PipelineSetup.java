package org.stml.actors.pipeline;

import java.util.Objects;
import java.util.Set;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.image.ParallelImageLoader;
import org.stml.model.data.image.ViewTransform;
import org.stml.model.data.sampler.NeighbourTableBuilder;
import org.stml.model.ema.MomentumSchedule;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.similarity.ContextualSimilarity;
import org.stml.model.train.StmlTrainer;

/** What a {@link TrainingPipeline} run trains, and how; built with {@link #builder()}. */
public final class PipelineSetup {

    private final StmlNetworks networks;
    private final StmlTrainer trainer;
    private final ContextualSimilarity similarity;
    private final MomentumSchedule momentum;
    private final ImageDataset dataset;
    private final ParallelImageLoader loader;
    private final ViewTransform transform;
    private final NeighbourTableBuilder rebuilder;
    private final int batchSize;
    private final int views;
    private final long seed;
    private final long maxTeacherLag;
    private final int teacherInstances;
    private final int batchWindow;
    private final int rebuildEvery;
    private final int maxConsecutiveSkips;
    private final Set<Long> quarantine;
    private final TrainingObserver observer;
    private final int evaluateEvery;
    private final SnapshotEvaluation evaluation;
    private final boolean sharedMemory;

    private PipelineSetup(Builder builder) {
        this.networks = Objects.requireNonNull(builder.networks, "networks");
        this.trainer = Objects.requireNonNull(builder.trainer, "trainer");
        this.similarity = Objects.requireNonNull(builder.similarity, "similarity");
        this.momentum = Objects.requireNonNull(builder.momentum, "momentum");
        this.dataset = Objects.requireNonNull(builder.dataset, "dataset");
        this.loader = Objects.requireNonNull(builder.loader, "loader");
        this.transform = Objects.requireNonNull(builder.transform, "transform");
        this.rebuilder = Objects.requireNonNull(builder.rebuilder, "rebuilder");
        this.batchSize = builder.batchSize;
        this.views = builder.views;
        this.seed = builder.seed;
        this.maxTeacherLag = builder.maxTeacherLag;
        this.teacherInstances = builder.teacherInstances;
        this.batchWindow = builder.batchWindow;
        this.rebuildEvery = builder.rebuildEvery;
        this.maxConsecutiveSkips = builder.maxConsecutiveSkips;
        this.quarantine = Set.copyOf(builder.quarantine);
        this.observer = Objects.requireNonNull(builder.observer, "observer");
        this.evaluateEvery = builder.evaluateEvery;
        this.evaluation = builder.evaluation;
        this.sharedMemory = builder.sharedMemory;
    }

    /**
     * Returns a builder; networks, trainer, similarity, momentum, dataset, loader, transform, rebuilder and batch
     * size are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    StmlNetworks networks() {
        return networks;
    }

    StmlTrainer trainer() {
        return trainer;
    }

    ContextualSimilarity similarity() {
        return similarity;
    }

    MomentumSchedule momentum() {
        return momentum;
    }

    ImageDataset dataset() {
        return dataset;
    }

    ParallelImageLoader loader() {
        return loader;
    }

    ViewTransform transform() {
        return transform;
    }

    NeighbourTableBuilder rebuilder() {
        return rebuilder;
    }

    int batchSize() {
        return batchSize;
    }

    int views() {
        return views;
    }

    /**
     * Returns the run seed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    long maxTeacherLag() {
        return maxTeacherLag;
    }

    int teacherInstances() {
        return teacherInstances;
    }

    int batchWindow() {
        return batchWindow;
    }

    int rebuildEvery() {
        return rebuildEvery;
    }

    int maxConsecutiveSkips() {
        return maxConsecutiveSkips;
    }

    Set<Long> quarantine() {
        return quarantine;
    }

    TrainingObserver observer() {
        return observer;
    }

    int evaluateEvery() {
        return evaluateEvery;
    }

    SnapshotEvaluation evaluation() {
        return evaluation;
    }

    boolean sharedMemory() {
        return sharedMemory;
    }

    /** Builder of {@link PipelineSetup}. */
    public static final class Builder {

        private StmlNetworks networks;
        private StmlTrainer trainer;
        private ContextualSimilarity similarity;
        private MomentumSchedule momentum;
        private ImageDataset dataset;
        private ParallelImageLoader loader;
        private ViewTransform transform;
        private NeighbourTableBuilder rebuilder;
        private int batchSize;
        private int views = 2;
        private long seed;
        private long maxTeacherLag;
        private int teacherInstances = 1;
        private int batchWindow = 2;
        private int rebuildEvery = Integer.MAX_VALUE;
        private int maxConsecutiveSkips = 5;
        private Set<Long> quarantine = Set.of();
        private TrainingObserver observer = TrainingObserver.NONE;
        private int evaluateEvery = 1;
        private SnapshotEvaluation evaluation;
        private boolean sharedMemory = true;

        private Builder() {}

        /**
         * Sets the student, the master teacher and the trainer built on them; required.
         *
         * @param networks the networks
         * @param trainer the student side, built on {@code networks}
         * @return this builder
         */
        public Builder setTraining(StmlNetworks networks, StmlTrainer trainer) {
            this.networks = networks;
            this.trainer = trainer;
            return this;
        }

        /**
         * Sets the teacher side: the contextualized similarity and the EMA schedule; required.
         *
         * @param similarity the similarity that turns teacher embeddings into W
         * @param momentum the EMA schedule (the same as the trainer's)
         * @return this builder
         */
        public Builder setTeacher(ContextualSimilarity similarity, MomentumSchedule momentum) {
            this.similarity = similarity;
            this.momentum = momentum;
            return this;
        }

        /**
         * Sets the data side; required.
         *
         * @param dataset the training set
         * @param loader the decoding pool (owned by the caller)
         * @param transform the training-view transform
         * @param rebuilder the neighbour-table rebuilder
         * @return this builder
         */
        public Builder setData(ImageDataset dataset, ParallelImageLoader loader, ViewTransform transform,
                NeighbourTableBuilder rebuilder) {
            this.dataset = dataset;
            this.loader = loader;
            this.transform = transform;
            this.rebuilder = rebuilder;
            return this;
        }

        /**
         * Sets the batch size and the run seed; the batch size is required.
         *
         * @param batchSize B, images per step
         * @param seed the run seed
         * @return this builder
         */
        public Builder setBatches(int batchSize, long seed) {
            this.batchSize = batchSize;
            this.seed = seed;
            return this;
        }

        /**
         * Sets V, the augmented views the loader makes of each image (the similarity's views must match).
         *
         * @param views at least 1, default 2
         * @return this builder
         */
        public Builder optViews(int views) {
            this.views = views;
            return this;
        }

        /**
         * Sets the consistency between teacher and student.
         *
         * @param maxTeacherLag teacher versions a labelling teacher may trail, default 0 (the reference algorithm)
         * @param batchWindow batches requested ahead of the student when the lag allows, default 2
         * @return this builder
         */
        public Builder optLag(long maxTeacherLag, int batchWindow) {
            this.maxTeacherLag = maxTeacherLag;
            this.batchWindow = batchWindow;
            return this;
        }

        /**
         * Rebuilds the neighbour table every this many steps within an epoch as well as at its start.
         *
         * @param steps the interval, at least 1; default once per epoch
         * @return this builder
         */
        public Builder optRebuildEvery(int steps) {
            this.rebuildEvery = steps;
            return this;
        }

        /**
         * Sets the number of teacher-inference instances.
         *
         * @param teacherInstances the instances, default 1
         * @return this builder
         */
        public Builder optTeacherInstances(int teacherInstances) {
            this.teacherInstances = teacherInstances;
            return this;
        }

        /**
         * Sets how non-finite steps are handled.
         *
         * @param maxConsecutiveSkips the non-finite steps in a row that stop the run, default 5
         * @param quarantine global step numbers whose batches are skipped untrained, default none
         * @return this builder
         */
        public Builder optNonFinite(int maxConsecutiveSkips, Set<Long> quarantine) {
            this.maxConsecutiveSkips = maxConsecutiveSkips;
            this.quarantine = quarantine;
            return this;
        }

        /**
         * Sets who is told of every step and epoch end.
         *
         * @param observer the observer, default {@link TrainingObserver#NONE}
         * @return this builder
         */
        public Builder optObserver(TrainingObserver observer) {
            this.observer = observer;
            return this;
        }

        /**
         * Evaluates student snapshots in an evaluator actor while training goes on.
         *
         * @param everyEpochs evaluate after every this many epochs, and after the last
         * @param evaluation what evaluating a snapshot means; default none (no evaluator)
         * @return this builder
         */
        public Builder optEvaluation(int everyEpochs, SnapshotEvaluation evaluation) {
            this.evaluateEvery = everyEpochs;
            this.evaluation = evaluation;
            return this;
        }

        /**
         * Chooses how weights reach the actors that need them. Shared (the default, all actors in one JVM): the EMA
         * broadcaster reads the student network, and at lag 0 teacher inference labels with the master teacher
         * itself. Not shared: the student sends its weights with every fold request and every teacher-inference
         * instance runs a replica fed each teacher version, as when the actors are on different nodes. Both give
         * the same training, bit for bit.
         *
         * @param shared whether the actors share networks by reference
         * @return this builder
         */
        public Builder optSharedMemory(boolean shared) {
            this.sharedMemory = shared;
            return this;
        }

        /**
         * Builds the setup.
         *
         * @return the setup
         * @throws NullPointerException if a required part is missing
         * @throws IllegalArgumentException if a number is out of range
         */
        public PipelineSetup build() {
            if (batchSize < 1 || maxTeacherLag < 0 || batchWindow < 1 || rebuildEvery < 1 || teacherInstances < 1
                    || maxConsecutiveSkips < 1 || evaluateEvery < 1 || views < 1) {
                throw new IllegalArgumentException("pipeline setup out of range: batch size " + batchSize
                        + ", lag " + maxTeacherLag + ", window " + batchWindow + ", rebuild every " + rebuildEvery
                        + ", views " + views + ", teachers " + teacherInstances + ", consecutive skips "
                        + maxConsecutiveSkips);
            }
            return new PipelineSetup(this);
        }
    }
}
