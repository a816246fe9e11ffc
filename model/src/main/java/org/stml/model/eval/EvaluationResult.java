package org.stml.model.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The metrics of one evaluation, by pytorch-metric-learning name, in a fixed order: {@code recall_at_K} for each K
 * ascending, then {@code precision_at_1}, {@code r_precision}, {@code mean_average_precision_at_r} and, when
 * computed, {@code NMI}.
 *
 * @param metrics metric name → value, in insertion order; copied and unmodifiable
 */
public record EvaluationResult(Map<String, Double> metrics) {

    /** pytorch-metric-learning's name of precision@1 (lone queries left out). */
    public static final String PRECISION_AT_1 = "precision_at_1";

    /** pytorch-metric-learning's name of R-precision (lone queries left out). */
    public static final String R_PRECISION = "r_precision";

    /** pytorch-metric-learning's name of MAP@R (lone queries left out). */
    public static final String MAP_AT_R = "mean_average_precision_at_r";

    /** pytorch-metric-learning's name of the normalized mutual information of a k-means clustering. */
    public static final String NMI = "NMI";

    /**
     * Copies the metrics, keeping their order.
     *
     * @param metrics metric name → value, in the order to keep
     */
    public EvaluationResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * Returns the name of Recall@K.
     *
     * @param k K
     * @return {@code recall_at_K}
     */
    public static String recallName(int k) {
        return "recall_at_" + k;
    }

    /**
     * Returns one metric.
     *
     * @param name the metric's name
     * @return its value
     * @throws IllegalArgumentException if the metric was not computed
     */
    public double metric(String name) {
        Double value = metrics.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no metric " + name + "; computed: " + metrics.keySet());
        }
        return value;
    }

    /**
     * Returns Recall@K: the fraction of all queries with at least one same-class item among their K nearest.
     *
     * @param k K, one of the evaluated values
     * @return the recall
     */
    public double recallAt(int k) {
        return metric(recallName(k));
    }

    /**
     * Returns {@code precision_at_1}.
     *
     * @return the precision of the nearest neighbour over non-lone queries
     */
    public double precisionAtOne() {
        return metric(PRECISION_AT_1);
    }

    /**
     * Returns {@code r_precision}.
     *
     * @return the R-precision over non-lone queries
     */
    public double rPrecision() {
        return metric(R_PRECISION);
    }

    /**
     * Returns {@code mean_average_precision_at_r}.
     *
     * @return MAP@R over non-lone queries
     */
    public double meanAveragePrecisionAtR() {
        return metric(MAP_AT_R);
    }

    /**
     * Returns the NMI, if it was computed.
     *
     * @return the NMI, or empty
     */
    public OptionalDouble nmi() {
        Double value = metrics.get(NMI);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
