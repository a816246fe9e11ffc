package org.stml.model.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;

/**
 * Applies an optimizer to every trainable parameter of a block after the backward pass; this replaces
 * {@code Trainer.step()} for training loops that do not use DJL's {@code Trainer}.
 *
 * <p>Call {@link #apply} after the {@code GradientCollector} of the step has been closed (in-place updates of leaf
 * arrays are not allowed while gradients are being recorded). Every trainable parameter is passed to the optimizer,
 * so every one of them must have received a gradient in the backward pass: the PyTorch engine reports a parameter
 * without a gradient as an all-zero gradient, which Adam-like optimizers still turn into a (momentum and weight
 * decay) update. Zeroing the gradients is the optimizer's job ({@link AdamP} does it; DJL's built-in optimizers do
 * it on the PyTorch engine), not this class's.
 */
public final class OptimizerStep {

    private OptimizerStep() {}

    /**
     * Returns whether a parameter is trained: it requires a gradient and is not a running statistic (batch-norm
     * running mean or variance). Frozen parameters do not require a gradient.
     *
     * @param parameter the parameter
     * @return {@code true} if an optimizer should update the parameter
     */
    public static boolean isTrainable(Parameter parameter) {
        Parameter.Type type = parameter.getType();
        return parameter.requiresGradient()
                && type != Parameter.Type.RUNNING_MEAN
                && type != Parameter.Type.RUNNING_VAR;
    }

    /**
     * Calls {@code optimizer.update(parameter.getId(), array, gradient)} for every initialised trainable parameter
     * of the block (see {@link #isTrainable}) whose array has a gradient, in the order of
     * {@code block.getParameters()}. The gradient array handed to the optimizer is a fresh handle on the
     * parameter's gradient and is closed afterwards.
     *
     * @param block the block whose parameters are updated in place
     * @param optimizer the optimizer, for example an {@link AdamP}
     * @return the number of parameters updated
     */
    public static int apply(Block block, Optimizer optimizer) {
        int updated = 0;
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter parameter = entry.getValue();
            if (!isTrainable(parameter) || !parameter.isInitialized()) {
                continue;
            }
            NDArray array = parameter.getArray();
            if (!array.hasGradient()) {
                continue;
            }
            try (NDArray gradient = array.getGradient()) {
                optimizer.update(parameter.getId(), array, gradient);
            }
            updated++;
        }
        return updated;
    }
}
