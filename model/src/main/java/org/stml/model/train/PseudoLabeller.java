package org.stml.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.similarity.ContextualSimilarity;

/**
 * The teacher side of an STML step: the teacher's forward pass in evaluation mode on the batch the student sees, then
 * the contextualized similarity W from its g embeddings (docs/ALGORITHM.md §5.1, steps 4–5). No gradient is recorded.
 */
public final class PseudoLabeller {

    private final EmbeddingNetwork teacher;
    private final ContextualSimilarity similarity;
    private final ParameterStore parameterStore;

    /**
     * Creates the labeller.
     *
     * @param teacher the teacher network (never trained; its BN layers use running statistics)
     * @param similarity the contextualized similarity
     * @param parameterStore the parameter store of the teacher's device
     */
    public PseudoLabeller(EmbeddingNetwork teacher, ContextualSimilarity similarity, ParameterStore parameterStore) {
        this.teacher = teacher;
        this.similarity = similarity;
        this.parameterStore = parameterStore;
    }

    /**
     * Computes the soft pseudo-labels of a batch.
     *
     * @param images N × 3 × H × W views, view-major (not closed)
     * @param datasetIndex the N dataset indices (not closed)
     * @return W, N × N, attached to the images' manager
     */
    public NDArray label(NDArray images, NDArray datasetIndex) {
        NDArray teacherHigh = teacher.forward(parameterStore, new NDList(images), false).singletonOrThrow();
        NDArray target = similarity.compute(teacherHigh.stopGradient(), datasetIndex);
        teacherHigh.close();
        return target;
    }

    /**
     * Returns the teacher network.
     *
     * @return the teacher
     */
    public EmbeddingNetwork teacher() {
        return teacher;
    }
}
