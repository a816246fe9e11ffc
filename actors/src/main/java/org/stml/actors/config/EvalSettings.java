package org.stml.actors.config;

import java.util.ArrayList;
import java.util.List;
import org.stml.model.eval.EvaluationResult;

/**
 * {@code stml.eval}: the retrieval evaluation on the held-out split.
 *
 * @param recallKs the K of Recall@K, strictly increasing
 * @param nmi whether NMI is computed
 * @param chunkElements the distance-matrix elements computed at once by the k-NN search
 * @param embedBatch the images embedded per forward pass
 */
public record EvalSettings(List<Integer> recallKs, boolean nmi, long chunkElements, int embedBatch) {

    /**
     * Copies the list of K.
     *
     * @param recallKs the K of Recall@K
     * @param nmi whether NMI is computed
     * @param chunkElements the distance-matrix elements computed at once by the k-NN search
     * @param embedBatch the images embedded per forward pass
     */
    public EvalSettings {
        recallKs = List.copyOf(recallKs);
    }

    /**
     * Returns the names of the metrics this evaluation computes, as {@link EvaluationResult} names them.
     *
     * @return {@code recall_at_K} for each K, precision@1, R-precision, MAP@R and NMI when computed
     */
    public List<String> metricNames() {
        List<String> names = new ArrayList<>();
        recallKs.forEach(k -> names.add(EvaluationResult.recallName(k)));
        names.add(EvaluationResult.PRECISION_AT_1);
        names.add(EvaluationResult.R_PRECISION);
        names.add(EvaluationResult.MAP_AT_R);
        if (nmi) {
            names.add(EvaluationResult.NMI);
        }
        return List.copyOf(names);
    }

    static EvalSettings read(SettingsReader reader) {
        return new EvalSettings(reader.increasingIntegers("recall-ks", 1), reader.bool("nmi"),
                reader.longInteger("chunk-elements", 1), reader.integer("embed-batch", 1));
    }
}
