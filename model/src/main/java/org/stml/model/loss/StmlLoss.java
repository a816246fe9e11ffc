package org.stml.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The total STML objective (docs/ALGORITHM.md §4.4): L = ½ · [L_RC(s_f) + L_RC(s_g)] + L_KL(g → f).
 *
 * <p>As a DJL {@link Loss}, labels are {@code NDList(W)} and predictions are the student's {@code NDList(g, f)}.
 * {@link #terms} returns every term for logging and monitoring.
 */
public final class StmlLoss extends Loss {

    private final RelaxedContrastiveLoss contrastive;
    private final SelfDistillationLoss distillation = new SelfDistillationLoss();

    /**
     * Creates the loss with the given relaxed-contrastive margin.
     *
     * @param margin δ (1.0 for CUB/Cars, 0.9 for SOP)
     */
    public StmlLoss(float margin) {
        super("stml_loss");
        this.contrastive = new RelaxedContrastiveLoss(margin);
    }

    /**
     * Returns the relaxed-contrastive margin δ.
     *
     * @return δ
     */
    public float margin() {
        return contrastive.margin();
    }

    /**
     * Computes every term of the loss.
     *
     * @param studentHigh s_g, the student's g outputs, N × D_g
     * @param studentLow s_f, the student's f outputs, N × D_f
     * @param target W, N × N (constant)
     * @return the terms; the arrays are attached to the embeddings' managers
     */
    public Terms terms(NDArray studentHigh, NDArray studentLow, NDArray target) {
        NDArray relativeHigh = RelativeDistances.of(studentHigh);
        NDArray relativeLow = RelativeDistances.of(studentLow);
        NDArray contrastiveLow = contrastive.evaluate(relativeLow, target);
        NDArray contrastiveHigh = contrastive.evaluate(relativeHigh, target);
        NDArray kl = distillation.evaluate(relativeHigh, relativeLow);
        NDArray total = contrastiveLow.add(contrastiveHigh).mul(0.5f).add(kl);
        return new Terms(total, contrastiveLow, contrastiveHigh, kl);
    }

    /**
     * Evaluates the total loss.
     *
     * @param labels {@code NDList(W)}
     * @param predictions {@code NDList(g, f)} from the student
     * @return the scalar total loss
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return terms(predictions.get(0), predictions.get(1), labels.singletonOrThrow()).total();
    }

    /**
     * The terms of one evaluation of the STML loss.
     *
     * @param total ½ (RC_f + RC_g) + KL, the value to back-propagate
     * @param contrastiveLow L_RC(s_f)
     * @param contrastiveHigh L_RC(s_g)
     * @param distillation L_KL
     */
    public record Terms(NDArray total, NDArray contrastiveLow, NDArray contrastiveHigh, NDArray distillation) {}
}
