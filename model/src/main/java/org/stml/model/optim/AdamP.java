package org.stml.model.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * AdamP (Heo et al., ICLR 2021) as a DJL optimizer, as specified in docs/ALGORITHM.md §8.2: Adam with bias correction,
 * an optional Nesterov direction and decoupled weight decay, where for parameters of two or more dimensions
 * (convolution and linear weights) the radial component of the update is removed, and the weight decay scaled by
 * {@code wd_ratio}, whenever the gradient is nearly orthogonal to the weight.
 *
 * <p>For a parameter {@code p} with gradient {@code g}, moments {@code m}, {@code v} (initially zero), step
 * {@code t} (1 on the first update) and learning rate {@code lr} from the tracker:
 *
 * <ol>
 *   <li>{@code m ← β1·m + (1 − β1)·g}, {@code v ← β2·v + (1 − β2)·g²}
 *   <li>{@code denom = √v / √(1 − β2^t) + ε}, {@code step = lr / (1 − β1^t)}
 *   <li>{@code u = (β1·m + (1 − β1)·g) / denom} with Nesterov, {@code u = m / denom} without
 *   <li>{@code ratio = 1}; if {@code p} has two or more dimensions, the channel view (one row per output channel,
 *       shape {@code (p.shape[0], rest)}) and then the layer view (shape {@code (1, all)}) are tried: for the first
 *       view whose largest row cosine {@code |⟨g_r, p_r⟩| / (max(‖g_r‖, 1e-8)·max(‖p_r‖, 1e-8))} is below
 *       {@code δ / √(row length)}, each row of {@code u} loses its component along {@code p̂_r = p_r / (‖p_r‖ + ε)}
 *       and {@code ratio = wd_ratio}
 *   <li>{@code p ← p·(1 − lr·wd·ratio)}, then {@code p ← p − step·u}
 * </ol>
 *
 * <p>The weight and the moments are updated in place (the weight array keeps its identity), and the gradient array is
 * then set to exact zeros in place (an indexed assignment, so that NaN or infinite gradients are cleared too): DJL
 * never zeroes gradients, and the PyTorch engine accumulates them across backward passes. All temporaries are closed
 * before {@link #update} returns; the moments are kept out of any {@link NDScope} the caller has open, so
 * {@code update} may be called inside one. As with every DJL optimizer the moments are detached from the weights'
 * manager and belong to the optimizer: {@link #close} frees them.
 *
 * <p>DJL's {@code setRescaleGrad} and {@code optClipGrad} options are honoured: the gradient is first multiplied by
 * the rescale factor and then, if the clip value is positive, clipped element-wise to {@code [−clip, clip]}; the
 * projection test uses that gradient. The step {@code t} is DJL's {@link #updateCount}, which is the largest update
 * count over all parameters, hence the per-parameter step as long as every parameter is updated once per training
 * step (as {@link OptimizerStep} does).
 *
 * <p>{@link #exportState} and {@link #importState} copy the moments and {@code t} to and from the host, keyed by
 * parameter name, so that a run resumed from a checkpoint updates exactly as an uninterrupted one: after an import,
 * {@code t} is the imported step plus DJL's update count.
 */
public final class AdamP extends Optimizer implements AutoCloseable {

    private static final float COSINE_EPSILON = 1e-8f;
    private static final int[] ROW_AXIS = {1};

    private final ParameterTracker learningRateTracker;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float delta;
    private final float wdRatio;
    private final boolean nesterov;

    private final Map<String, Map<Device, NDArray>> firstMoments = new ConcurrentHashMap<>();
    private final Map<String, Map<Device, NDArray>> secondMoments = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile int stepsBefore;
    private volatile int lastStep;

    private AdamP(Builder builder) {
        super(builder);
        learningRateTracker = builder.learningRateTracker;
        beta1 = builder.beta1;
        beta2 = builder.beta2;
        epsilon = builder.epsilon;
        delta = builder.delta;
        wdRatio = builder.wdRatio;
        nesterov = builder.nesterov;
    }

    /**
     * Returns a builder with the AdamP settings of docs/ALGORITHM.md §8.2 (β1 = 0.9, β2 = 0.999, ε = 1e-8,
     * δ_p = 0.1, wd_ratio = 0.1, Nesterov on, decoupled weight decay 1e-2) and a fixed learning rate of 1e-3 until a
     * tracker is set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Updates a parameter in place with one AdamP step and sets its gradient to zero.
     *
     * @param parameterId the parameter's id, which keys the moments and the learning rate
     * @param weight the parameter's array, updated in place
     * @param grad the gradient of the parameter, set to zeros in place afterwards
     * @throws IllegalStateException if the optimizer has been closed
     */
    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        if (closed) {
            throw new IllegalStateException("AdamP has been closed");
        }
        int t = updateCount(parameterId) + stepsBefore;
        lastStep = t;
        float lr = learningRateTracker.getNewValue(parameterId, t);
        float weightDecay = getWeightDecay();
        Device device = weight.getDevice();
        // The moments live as long as the optimizer: create them before the scope that frees the temporaries.
        NDArray m = withDefaultState(firstMoments, parameterId, device, k -> newMoment(weight));
        NDArray v = withDefaultState(secondMoments, parameterId, device, k -> newMoment(weight));

        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            // Write through a detached alias of the same storage: an in-place update of a leaf that requires grad
            // is refused by libtorch whenever the calling thread's gradient mode is on (it is per thread).
            NDArray p = weight.stopGradient();
            NDArray g = preprocess(grad);
            m.muli(beta1).addi(g.mul(1 - beta1));
            v.muli(beta2).addi(g.square().muli(1 - beta2));

            double biasCorrection1 = 1 - Math.pow(beta1, t);
            double biasCorrection2 = 1 - Math.pow(beta2, t);
            NDArray denom = v.sqrt().divi((float) Math.sqrt(biasCorrection2)).addi(epsilon);
            NDArray direction = nesterov ? m.mul(beta1).addi(g.mul(1 - beta1)).divi(denom) : m.div(denom);

            float ratio = 1;
            if (p.getShape().dimension() >= 2) {
                NDArray projected = project(p, g, direction);
                if (projected != null) {
                    direction = projected;
                    ratio = wdRatio;
                }
            }
            if (weightDecay != 0) {
                p.muli(1 - lr * weightDecay * ratio);
            }
            p.subi(direction.muli((float) (lr / biasCorrection1)));
            grad.set(new NDIndex("..."), 0f);
        }
    }

    /**
     * Copies the step and the moments of every parameter updated so far to the host.
     *
     * @param idToName the name of each parameter id, for example from {@code block.getParameters()}
     * @return the state, keyed by parameter name
     * @throws IllegalArgumentException if a parameter id has no name
     * @throws IllegalStateException if the optimizer has been closed
     */
    public AdamPState exportState(Function<String, String> idToName) {
        if (closed) {
            throw new IllegalStateException("AdamP has been closed");
        }
        Map<String, AdamPState.Moments> moments = new HashMap<>();
        for (Map.Entry<String, Map<Device, NDArray>> entry : firstMoments.entrySet()) {
            String name = idToName.apply(entry.getKey());
            if (name == null) {
                throw new IllegalArgumentException("AdamP has moments for parameter id " + entry.getKey()
                        + " which has no name");
            }
            NDArray m = single(entry.getValue());
            NDArray v = single(secondMoments.get(entry.getKey()));
            moments.put(name, new AdamPState.Moments(m.getShape().getShape(), m.toFloatArray(), v.toFloatArray()));
        }
        return new AdamPState(lastStep, moments);
    }

    /**
     * Restores a state into this optimizer, replacing (and freeing) any moments it has: the next update is step
     * {@code state.step() + 1} and starts from the restored moments, whether the optimizer is new (a resume) or has
     * updated already (a roll-back). Each moment is created on the device of the parameter's array.
     *
     * @param state the state, keyed by parameter name
     * @param nameToParameter the parameter of each name (its id keys the moments from now on)
     * @throws IllegalStateException if this optimizer has been closed
     * @throws IllegalArgumentException if a name has no parameter or a shape differs from the parameter's
     */
    public void importState(AdamPState state, Function<String, Parameter> nameToParameter) {
        if (closed) {
            throw new IllegalStateException("AdamP has been closed");
        }
        int updatesSoFar = lastStep - stepsBefore;
        freeMoments();
        for (Map.Entry<String, AdamPState.Moments> entry : state.moments().entrySet()) {
            Parameter parameter = nameToParameter.apply(entry.getKey());
            if (parameter == null) {
                throw new IllegalArgumentException("AdamP state has moments for unknown parameter " + entry.getKey());
            }
            restore(parameter, entry.getKey(), entry.getValue());
        }
        stepsBefore = state.step() - updatesSoFar;
        lastStep = state.step();
    }

    private void restore(Parameter parameter, String name, AdamPState.Moments moments) {
        NDArray weight = parameter.getArray();
        Shape shape = new Shape(moments.shape());
        if (!shape.equals(weight.getShape()) || weight.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("AdamP moments of " + name + " have shape " + shape
                    + " but the parameter is " + weight.getDataType() + " " + weight.getShape());
        }
        Device device = weight.getDevice();
        withDefaultState(firstMoments, parameter.getId(), device,
                k -> weight.getManager().create(moments.first(), shape));
        withDefaultState(secondMoments, parameter.getId(), device,
                k -> weight.getManager().create(moments.second(), shape));
    }

    private static NDArray single(Map<Device, NDArray> byDevice) {
        if (byDevice.size() != 1) {
            throw new IllegalStateException("AdamP state export needs moments on exactly one device, got "
                    + byDevice.keySet());
        }
        return byDevice.values().iterator().next();
    }

    /**
     * Frees the moments of every parameter; the optimizer cannot be used afterwards. Closing twice has no further
     * effect.
     */
    @Override
    public void close() {
        closed = true;
        freeMoments();
    }

    private void freeMoments() {
        for (Map<String, Map<Device, NDArray>> moments : List.of(firstMoments, secondMoments)) {
            moments.values().forEach(byDevice -> byDevice.values().forEach(NDArray::close));
            moments.clear();
        }
    }

    /**
     * Returns a zero moment shaped like the weight, taken out of any {@link NDScope} the caller may have open so that
     * it outlives the step that creates it ({@code withDefaultState} then detaches it from the weight's manager).
     */
    private static NDArray newMoment(NDArray weight) {
        NDArray moment = weight.zerosLike();
        NDScope.unregister(moment);
        return moment;
    }

    /** Applies DJL's gradient rescaling and clipping; returns {@code grad} itself when both are off. */
    private NDArray preprocess(NDArray grad) {
        NDArray g = rescaleGrad == 1f ? grad : grad.mul(rescaleGrad);
        return clipGrad > 0 ? g.clip(-clipGrad, clipGrad) : g;
    }

    /**
     * Tries the channel view, then the layer view; returns the direction without its radial component in the first
     * view that qualifies, or {@code null} if none does.
     */
    private NDArray project(NDArray weight, NDArray grad, NDArray direction) {
        Shape shape = weight.getShape();
        long size = shape.size();
        for (long rows : new long[] {shape.get(0), 1}) {
            Shape view = new Shape(rows, size / rows);
            NDArray p = weight.reshape(view);
            NDArray g = grad.reshape(view);
            NDArray pNorm = p.norm(ROW_AXIS, true);
            NDArray cosine = p.mul(g)
                    .sum(ROW_AXIS, true)
                    .abs()
                    .divi(g.norm(ROW_AXIS, true).maximum(COSINE_EPSILON).muli(pNorm.maximum(COSINE_EPSILON)));
            if (cosine.max().getFloat() < delta / Math.sqrt(view.get(1))) {
                NDArray unit = p.div(pNorm.add(epsilon));
                NDArray u = direction.reshape(view);
                return u.sub(unit.mul(unit.mul(u).sum(ROW_AXIS, true))).reshape(shape);
            }
        }
        return null;
    }

    /**
     * Describes the effective hyperparameters.
     *
     * @return β1, β2, ε, δ, wd_ratio, Nesterov, the weight decay and the learning-rate tracker
     */
    @Override
    public String toString() {
        return "AdamP[beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon + ", delta=" + delta
                + ", wdRatio=" + wdRatio + ", nesterov=" + nesterov + ", weightDecay=" + getWeightDecay()
                + ", learningRates=" + learningRateTracker + "]";
    }

    /** Builder of {@link AdamP}; weight decay is set with the inherited {@link #optWeightDecays(float)}. */
    public static final class Builder extends OptimizerBuilder<Builder> {

        private ParameterTracker learningRateTracker = Tracker.fixed(1e-3f);
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;
        private float delta = 0.1f;
        private float wdRatio = 0.1f;
        private boolean nesterov = true;

        Builder() {
            optWeightDecays(1e-2f);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the learning rate tracker, for example a {@link ParameterGroups}.
         *
         * @param learningRateTracker the tracker giving each parameter's learning rate
         * @return this builder
         */
        public Builder optLearningRateTracker(ParameterTracker learningRateTracker) {
            this.learningRateTracker = Objects.requireNonNull(learningRateTracker, "learningRateTracker");
            return this;
        }

        /**
         * Sets the decay rate β1 of the first moment.
         *
         * @param beta1 a value in {@code [0, 1)}, default 0.9
         * @return this builder
         */
        public Builder optBeta1(float beta1) {
            this.beta1 = requireUnitInterval("beta1", beta1);
            return this;
        }

        /**
         * Sets the decay rate β2 of the second moment.
         *
         * @param beta2 a value in {@code [0, 1)}, default 0.999
         * @return this builder
         */
        public Builder optBeta2(float beta2) {
            this.beta2 = requireUnitInterval("beta2", beta2);
            return this;
        }

        /**
         * Sets ε, added to the denominator of the update and to the weight norms of the projection.
         *
         * @param epsilon a positive value, default 1e-8
         * @return this builder
         */
        public Builder optEpsilon(float epsilon) {
            this.epsilon = requirePositive("epsilon", epsilon);
            return this;
        }

        /**
         * Sets δ_p, the cosine threshold of the projection (scaled by {@code 1/√(row length)}).
         *
         * @param delta a positive value, default 0.1
         * @return this builder
         */
        public Builder optDelta(float delta) {
            this.delta = requirePositive("delta", delta);
            return this;
        }

        /**
         * Sets the factor of the weight decay of projected parameters.
         *
         * @param wdRatio a value not negative, default 0.1
         * @return this builder
         */
        public Builder optWdRatio(float wdRatio) {
            if (!(wdRatio >= 0) || Float.isInfinite(wdRatio)) {
                throw new IllegalArgumentException("wdRatio must be finite and >= 0: " + wdRatio);
            }
            this.wdRatio = wdRatio;
            return this;
        }

        /**
         * Sets whether the update direction is the Nesterov one.
         *
         * @param nesterov {@code true} (default) for {@code (β1·m + (1 − β1)·g) / denom}, {@code false} for
         *     {@code m / denom}
         * @return this builder
         */
        public Builder optNesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        /**
         * Builds the optimizer.
         *
         * @return a new {@link AdamP} with this builder's settings
         */
        public AdamP build() {
            return new AdamP(this);
        }

        private static float requireUnitInterval(String name, float value) {
            if (!(value >= 0 && value < 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1): " + value);
            }
            return value;
        }

        private static float requirePositive(String name, float value) {
            if (!(value > 0) || Float.isInfinite(value)) {
                throw new IllegalArgumentException(name + " must be finite and > 0: " + value);
            }
            return value;
        }
    }
}
