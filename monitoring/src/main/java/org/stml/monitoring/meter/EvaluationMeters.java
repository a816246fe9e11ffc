package org.stml.monitoring.meter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluation results on the held-out split by model ({@code student}): Recall@K for each configured K, MAP@R,
 * R-precision and NMI, the epochs trained when evaluated, and how long evaluations take.
 */
public final class EvaluationMeters {

    private static final String MODEL = "student";

    private final Map<Integer, DoubleCell> recall = new LinkedHashMap<>();
    private final DoubleCell mapAtR = new DoubleCell(Double.NaN);
    private final DoubleCell rPrecision = new DoubleCell(Double.NaN);
    private final DoubleCell nmi = new DoubleCell(Double.NaN);
    private final DoubleCell epochs = new DoubleCell(Double.NaN);
    private final Counter evaluations;
    private final Timer duration;

    /**
     * Registers the evaluation meters.
     *
     * @param registry where
     * @param recallKs the K of Recall@K
     */
    public EvaluationMeters(MeterRegistry registry, List<Integer> recallKs) {
        for (int k : recallKs) {
            DoubleCell cell = new DoubleCell(Double.NaN);
            recall.put(k, cell);
            Gauge.builder("stml.evaluation.recall", cell, DoubleCell::get).tags("k", Integer.toString(k), "model",
                    MODEL).description("Recall@K on the held-out split").register(registry);
        }
        register(registry, "stml.evaluation.map.at.r", mapAtR, "MAP@R on the held-out split");
        register(registry, "stml.evaluation.r.precision", rPrecision, "R-precision on the held-out split");
        register(registry, "stml.evaluation.nmi", nmi, "NMI of k-means on the held-out split");
        register(registry, "stml.evaluation.epochs.trained", epochs, "Epochs trained at the last evaluation");
        evaluations = Counter.builder("stml.evaluations").tag("model", MODEL).description("Evaluations recorded")
                .register(registry);
        duration = Timer.builder("stml.evaluation.duration").tag("model", MODEL)
                .description("Time to embed and score the held-out split").register(registry);
    }

    private static void register(MeterRegistry registry, String name, DoubleCell cell, String description) {
        Gauge.builder(name, cell, DoubleCell::get).tag("model", MODEL).description(description).register(registry);
    }

    /**
     * Records an evaluation.
     *
     * @param epochsTrained the epochs the student had trained
     * @param metrics the metrics by their names ({@code recall_at_K}, {@code mean_average_precision_at_r},
     *     {@code r_precision}, {@code NMI}); missing ones keep their last value
     * @param seconds how long it took
     */
    public void evaluated(int epochsTrained, Map<String, Double> metrics, double seconds) {
        recall.forEach((k, cell) -> setIfPresent(cell, metrics.get("recall_at_" + k)));
        setIfPresent(mapAtR, metrics.get("mean_average_precision_at_r"));
        setIfPresent(rPrecision, metrics.get("r_precision"));
        setIfPresent(nmi, metrics.get("NMI"));
        epochs.set(epochsTrained);
        evaluations.increment();
        duration.record(Duration.ofNanos((long) (seconds * 1e9)));
    }

    private static void setIfPresent(DoubleCell cell, Double value) {
        if (value != null) {
            cell.set(value);
        }
    }
}
