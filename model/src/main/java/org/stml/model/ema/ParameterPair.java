package org.stml.model.ema;

import ai.djl.nn.Parameter;

/**
 * One teacher entry and the student entry of the same name.
 *
 * @param name the shared parameter name, for example {@code 02g_weight}
 * @param teacher the teacher's parameter
 * @param student the student's parameter
 */
public record ParameterPair(String name, Parameter teacher, Parameter student) {

    /**
     * Tells whether this pair is a BN running statistic (mean or variance) rather than a trainable parameter.
     *
     * @return true for running statistics
     */
    public boolean isRunningStatistic() {
        Parameter.Type type = teacher.getType();
        return type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR;
    }
}
