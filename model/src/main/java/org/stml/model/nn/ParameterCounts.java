package org.stml.model.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/** Parameter counting for logging and checks. */
public final class ParameterCounts {

    private ParameterCounts() {}

    /**
     * Counts the trainable scalars of a block: every parameter except the BN running mean and variance. Frozen
     * parameters (such as the teacher's) still count, since they are trainable in kind.
     *
     * @param block an initialised block
     * @return the number of trainable scalars
     */
    public static long trainable(Block block) {
        long count = 0;
        for (Parameter parameter : block.getParameters().values()) {
            Parameter.Type type = parameter.getType();
            if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
                count += parameter.getArray().size();
            }
        }
        return count;
    }
}
