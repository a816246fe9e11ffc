package org.stml.model.loss;

import ai.djl.ndarray.NDArray;

/**
 * The relaxed contrastive loss of STML (docs/ALGORITHM.md §4.2):
 *
 * <pre>
 * L_RC(s) = 1/(N(N−1)) · Σ_{i≠j} [ W_ij · d̃_ij² + (1 − W_ij) · max(0, δ − d̃_ij)² ]
 * </pre>
 *
 * <p>W is a constant soft target; gradients reach the embeddings only through the relative distances d̃. The
 * diagonal is excluded from both terms; δ is a margin on the relative distance (1.0 for CUB/Cars, 0.9 for SOP).
 */
public final class RelaxedContrastiveLoss {

    private final float margin;

    /**
     * Creates the loss.
     *
     * @param margin δ, the margin on the relative distance; positive
     */
    public RelaxedContrastiveLoss(float margin) {
        if (!(margin > 0)) {
            throw new IllegalArgumentException("relaxed contrastive margin must be > 0, got " + margin);
        }
        this.margin = margin;
    }

    /**
     * Returns the margin δ.
     *
     * @return δ
     */
    public float margin() {
        return margin;
    }

    /**
     * Evaluates the loss on precomputed relative distances.
     *
     * @param relative d̃, N × N (gradients flow through it)
     * @param target W, N × N soft pseudo-labels in [0, 1] (treated as a constant)
     * @return the scalar loss
     */
    public NDArray evaluate(NDArray relative, NDArray target) {
        long rows = relative.getShape().get(0);
        NDArray weights = target.stopGradient();
        NDArray attraction = weights.mul(relative.square());
        NDArray hinge = relative.neg().add(margin).maximum(0f).square();
        NDArray repulsion = weights.neg().add(1f).mul(hinge);
        NDArray offDiagonal = RelativeDistances.offDiagonal(relative, rows);
        return attraction.add(repulsion).mul(offDiagonal).sum().div((float) (rows * (rows - 1)));
    }
}
