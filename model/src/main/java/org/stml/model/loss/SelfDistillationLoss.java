package org.stml.model.loss;

import ai.djl.ndarray.NDArray;

/**
 * The KL self-distillation from the high-dimensional head g to the evaluated head f (docs/ALGORITHM.md §4.3):
 *
 * <pre>
 * P_i = softmax(−d̃^g_i) (detached),  Q_i = softmax(−d̃^f_i),  L_KL = (1/N) · Σ_i Σ_j P_i(j) · [log P_i(j) − log Q_i(j)]
 * </pre>
 *
 * <p>Rows include j = i; temperature 1. Only f (and what feeds it) receives gradient from this term.
 */
public final class SelfDistillationLoss {

    /**
     * Evaluates KL(P ‖ Q) summed over all entries and divided by N.
     *
     * @param relativeTeacherHead d̃ of the student's g head, N × N (detached here)
     * @param relativeStudentHead d̃ of the student's f head, N × N (gradients flow through it)
     * @return the scalar loss
     */
    public NDArray evaluate(NDArray relativeTeacherHead, NDArray relativeStudentHead) {
        long rows = relativeStudentHead.getShape().get(0);
        NDArray target = relativeTeacherHead.stopGradient().neg();
        NDArray logTarget = target.logSoftmax(1);
        NDArray logPrediction = relativeStudentHead.neg().logSoftmax(1);
        return logTarget.exp().mul(logTarget.sub(logPrediction)).sum().div((float) rows);
    }
}
