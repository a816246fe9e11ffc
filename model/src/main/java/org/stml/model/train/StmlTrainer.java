package org.stml.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.stml.model.ema.EmaUpdater;
import org.stml.model.ema.MomentumSchedule;
import org.stml.model.loss.StmlLoss;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;
import org.stml.model.optim.AdamP;
import org.stml.model.optim.ConstantSchedule;
import org.stml.model.optim.LearningRateSchedule;
import org.stml.model.optim.OptimizerStep;
import org.stml.model.optim.ParameterGroups;
import org.stml.model.similarity.ContextualSimilarity;

/**
 * Runs STML student steps sequentially, in the paper's order (docs/ALGORITHM.md §5.1): teacher forward and W (no
 * gradient), student forward on both heads, the loss, backward, the EMA update of the teacher from the student's
 * pre-step weights and BN statistics, then the AdamP step.
 *
 * <p>The teacher forward is independent of the student's forward, so running it first changes nothing. Every
 * intermediate array of a step lives in a sub-manager that is closed when the step ends; the networks and the
 * optimizer state live in the networks' manager. Use from one thread at a time (DJL allows one gradient collector
 * per JVM).
 */
public final class StmlTrainer implements AutoCloseable {

    private final EmbeddingNetwork student;
    private final EmbeddingNetwork teacher;
    private final ContextualSimilarity similarity;
    private PseudoLabeller labeller;
    private final StmlLoss loss;
    private final ParameterGroups groups;
    private final AdamP optimizer;
    private final EmaUpdater ema;
    private final NDManager manager;
    private ParameterStore parameterStore;
    private long step;
    private long skippedSteps;

    private StmlTrainer(Builder builder, NDManager manager) {
        this.student = builder.networks.student();
        this.teacher = builder.networks.teacher();
        this.loss = new StmlLoss(builder.margin);
        this.groups = ParameterGroups.split(student, student::isHeadParameter, builder.backboneRate, builder.headRate);
        this.optimizer = builder.optimizer
                .optLearningRateTracker(groups)
                .optWeightDecays(builder.weightDecay)
                .build();
        this.ema = EmaUpdater.builder().setTeacher(teacher).setStudent(student).optSchedule(builder.momentum).build();
        this.manager = manager;
        this.parameterStore = new ParameterStore(manager, false);
        this.similarity = builder.similarity;
        this.labeller = new PseudoLabeller(teacher, similarity, parameterStore);
    }

    /**
     * Returns a builder with the paper's CUB/Cars defaults (σ 3, nn 5, δ 1.0, m 0.999, lr = emb_lr = 1e-4, wd 1e-2).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Moves the learning-rate schedules to an epoch (schedules are stepped per epoch, docs/ALGORITHM.md §8.3).
     *
     * @param epoch the epoch about to run, from 0
     */
    public void startEpoch(int epoch) {
        groups.setEpoch(epoch);
    }

    /**
     * Runs one student step on a batch of views: {@link #label}, {@link #forwardBackward}, then
     * {@link #foldIntoTeacher} and {@link #applyUpdate} when the loss is finite, else {@link #skip}.
     *
     * @param images N × 3 × H × W, the views of the batch, view-major (not modified, not closed)
     * @param datasetIndex the N dataset indices of the rows (not closed)
     * @return what the step did
     */
    public StepResult step(NDArray images, NDArray datasetIndex) {
        try (NDManager scratch = images.getManager().newSubManager()) {
            scratch.tempAttachAll(images, datasetIndex);
            long start = System.nanoTime();
            NDArray target = labeller.label(images, datasetIndex);
            long labelled = System.nanoTime();
            StudentPass pass = forwardBackward(images, target);
            if (!pass.finite()) {
                return skip(pass, labelled - start);
            }
            long folding = System.nanoTime();
            double momentum = foldIntoTeacher();
            long folded = System.nanoTime();
            applyUpdate();
            long updated = System.nanoTime();
            return pass.result(momentum, true, labelled - start, folded - folding, updated - folded);
        }
    }

    /**
     * The teacher side of a step: teacher forward and W (steps 4–5 of docs/ALGORITHM.md §5.1).
     *
     * @param images the views (not closed)
     * @param datasetIndex their dataset indices (not closed)
     * @return W, attached to the images' manager
     */
    public NDArray label(NDArray images, NDArray datasetIndex) {
        return labeller.label(images, datasetIndex);
    }

    /**
     * The student's forward pass on both heads, the STML loss and backward (steps 3, 5 and 6). The weights are not
     * changed; call {@link #foldIntoTeacher} then {@link #applyUpdate}, or {@link #skip} when the loss is not finite.
     *
     * @param images N × 3 × H × W views (not closed); intermediate arrays go to their manager
     * @param target W, N × N (not closed)
     * @return the loss terms and phase times of this pass
     */
    public StudentPass forwardBackward(NDArray images, NDArray target) {
        long start = System.nanoTime();
        StmlLoss.Terms terms;
        long forwarded;
        long lossed;
        double spread;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList outputs = student.forward(parameterStore, new NDList(images), true);
            forwarded = System.nanoTime();
            terms = loss.terms(outputs.get(0), outputs.get(1), target);
            lossed = System.nanoTime();
            collector.backward(terms.total());
            spread = RepresentationSignals.embeddingSpread(outputs.get(1).stopGradient());
        }
        long done = System.nanoTime();
        return new StudentPass(step, terms.total().getFloat(), terms.contrastiveLow().getFloat(),
                terms.contrastiveHigh().getFloat(), terms.distillation().getFloat(),
                forwarded - start, lossed - forwarded, done - lossed, spread, gradientNorm());
    }

    private double gradientNorm() {
        double squared = 0;
        for (Pair<String, Parameter> entry : student.getParameters()) {
            NDArray array = entry.getValue().getArray();
            if (array.hasGradient()) {
                try (NDArray gradient = array.getGradient(); NDArray square = gradient.square();
                        NDArray sum = square.sum()) {
                    squared += sum.getFloat();
                }
            }
        }
        return Math.sqrt(squared);
    }

    /**
     * Folds the student's current (pre-update) weights and BN statistics into the teacher (step 7).
     *
     * @return the momentum used
     */
    public double foldIntoTeacher() {
        return ema.update(step - skippedSteps);
    }

    /** Applies the AdamP update to the student and ends the step (step 8). */
    public void applyUpdate() {
        OptimizerStep.apply(student, optimizer);
        step++;
    }

    /**
     * Ends a step whose loss was not finite: gradients are zeroed, nothing is updated, the skip is counted.
     *
     * @param pass the pass that produced the non-finite loss
     * @param labelNanos the time spent labelling, for the report
     * @return the result of the skipped step
     */
    public StepResult skip(StudentPass pass, long labelNanos) {
        zeroStudentGradients();
        skippedSteps++;
        step++;
        return pass.result(Double.NaN, false, labelNanos, 0, 0);
    }

    /**
     * Ends a step without training on its batch at all (a batch quarantined after a roll-back because its loss was
     * not finite): nothing is computed or updated, the skip is counted like {@link #skip}.
     *
     * @return the result of the skipped step, with NaN loss terms
     */
    public StepResult skipBatch() {
        skippedSteps++;
        long skipped = step++;
        return new StepResult(skipped, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Double.NaN, false,
                new PhaseTimes(0, 0, 0, 0, 0, 0));
    }

    private void zeroStudentGradients() {
        for (Pair<String, Parameter> entry : student.getParameters()) {
            NDArray array = entry.getValue().getArray();
            if (array.hasGradient()) {
                try (NDArray gradient = array.getGradient()) {
                    gradient.set(new NDIndex("..."), 0f);
                }
            }
        }
    }

    /**
     * Embeds images with the student in evaluation mode, in chunks.
     *
     * @param images M × 3 × H × W (not closed)
     * @param head which head's output to return
     * @param chunk images per forward pass
     * @return M × D embeddings, attached to the images' manager; the caller closes them
     */
    public NDArray embed(NDArray images, EmbeddingNetwork.Head head, int chunk) {
        return student.embed(parameterStore, images, head, chunk);
    }

    /**
     * Returns the number of steps run, including skipped ones.
     *
     * @return the step counter
     */
    public long stepCount() {
        return step;
    }

    /**
     * Returns the number of steps skipped because the loss was not finite.
     *
     * @return the skipped-step counter
     */
    public long skippedSteps() {
        return skippedSteps;
    }

    /**
     * Returns the student network.
     *
     * @return the student
     */
    public EmbeddingNetwork student() {
        return student;
    }

    /**
     * Returns the teacher network.
     *
     * @return the teacher
     */
    public EmbeddingNetwork teacher() {
        return teacher;
    }

    /**
     * Returns the parameter groups, for their current learning rates.
     *
     * @return the groups
     */
    public ParameterGroups parameterGroups() {
        return groups;
    }

    /**
     * Copies the counters, the schedule position and the optimizer state to the host, for a checkpoint; the
     * networks' parameters are saved separately.
     *
     * @return the state
     */
    public TrainerState exportState() {
        Map<String, String> names = new HashMap<>();
        for (Pair<String, Parameter> entry : student.getParameters()) {
            names.put(entry.getValue().getId(), entry.getKey());
        }
        return new TrainerState(step, skippedSteps, groups.getEpoch(), optimizer.exportState(names::get));
    }

    /**
     * Restores a state exported by {@link #exportState} into this trainer, which must not have stepped yet. Call it
     * after the networks' parameters have been loaded: loading replaces the parameter arrays, so the trainer also
     * drops the array handles it cached.
     *
     * @param state the state, with the optimizer's moments keyed by student parameter name
     * @throws IllegalStateException if the optimizer has been closed
     * @throws IllegalArgumentException if the moments do not match the student's parameters
     */
    public void restoreState(TrainerState state) {
        Map<String, Parameter> byName = student.getParameters().toMap();
        optimizer.importState(state.optimizer(), byName::get);
        step = state.step();
        skippedSteps = state.skippedSteps();
        groups.setEpoch(state.epoch());
        parameterStore = new ParameterStore(manager, false);
        labeller = new PseudoLabeller(teacher, similarity, parameterStore);
    }

    /**
     * Describes the effective settings of the step: the similarity, the margin and the optimizer.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "StmlTrainer[similarity=" + similarity + ", margin=" + loss.margin() + ", optimizer=" + optimizer + "]";
    }

    /** Frees the optimizer's moments. The networks belong to the caller. */
    @Override
    public void close() {
        optimizer.close();
    }

    /** Builds a {@link StmlTrainer}; every option defaults to the paper's CUB/Cars setting. */
    public static final class Builder {
        private StmlNetworks networks;
        private ContextualSimilarity similarity = ContextualSimilarity.builder().build();
        private float margin = 1.0f;
        private LearningRateSchedule backboneRate = new ConstantSchedule(1e-4);
        private LearningRateSchedule headRate = new ConstantSchedule(1e-4);
        private float weightDecay = 1e-2f;
        private AdamP.Builder optimizer = AdamP.builder();
        private MomentumSchedule momentum = MomentumSchedule.constant(0.999);

        private Builder() {}

        /**
         * Sets the student and teacher networks; required.
         *
         * @param networks the networks, built and initialised
         * @return this builder
         */
        public Builder setNetworks(StmlNetworks networks) {
            this.networks = networks;
            return this;
        }

        /**
         * Sets the contextualized similarity (σ, nn, views).
         *
         * @param similarity the similarity
         * @return this builder
         */
        public Builder optSimilarity(ContextualSimilarity similarity) {
            this.similarity = similarity;
            return this;
        }

        /**
         * Sets δ, the relaxed-contrastive margin (1.0 CUB/Cars, 0.9 SOP).
         *
         * @param margin δ
         * @return this builder
         */
        public Builder optMargin(float margin) {
            this.margin = margin;
            return this;
        }

        /**
         * Sets the learning-rate schedules of the backbone ({@code lr}) and of the heads ({@code emb_lr}).
         *
         * @param backbone the schedule of every parameter but the heads
         * @param heads the schedule of the f and g heads
         * @return this builder
         */
        public Builder optLearningRates(LearningRateSchedule backbone, LearningRateSchedule heads) {
            this.backboneRate = backbone;
            this.headRate = heads;
            return this;
        }

        /**
         * Sets the decoupled weight decay of AdamP.
         *
         * @param weightDecay the weight decay, default 1e-2
         * @return this builder
         */
        public Builder optWeightDecay(float weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /**
         * Sets AdamP's own hyperparameters (β1, β2, ε, δ, wd_ratio, Nesterov); the trainer sets the learning rates
         * ({@link #optLearningRates}) and the weight decay ({@link #optWeightDecay}) on the builder when it builds.
         *
         * @param optimizer the AdamP options, default {@link AdamP#builder()} (the AdamP defaults, as the paper)
         * @return this builder
         */
        public Builder optOptimizer(AdamP.Builder optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /**
         * Sets the EMA momentum schedule of the teacher.
         *
         * @param momentum default constant 0.999 (CUB/Cars); 0.9 for SOP
         * @return this builder
         */
        public Builder optMomentum(MomentumSchedule momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * Builds the trainer; optimizer state will live in {@code manager}.
         *
         * @param manager the manager that owns the networks
         * @return the trainer
         */
        public StmlTrainer build(NDManager manager) {
            Objects.requireNonNull(networks, "StmlTrainer needs the networks");
            return new StmlTrainer(this, manager);
        }
    }
}
