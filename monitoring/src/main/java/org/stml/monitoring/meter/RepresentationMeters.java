package org.stml.monitoring.meter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Collapse signals: the spread of the student's normalised f embeddings in a batch (0 = every image embedded alike)
 * and the mean binary entropy of the pseudo-labels W in bits (0–1: 1 = every pair a coin flip, 0 = every pair a sure
 * label; it falls when the teacher calls every pair a positive).
 */
public final class RepresentationMeters {

    private final DoubleCell spread = new DoubleCell(Double.NaN);
    private final DoubleCell entropy = new DoubleCell(Double.NaN);

    /**
     * Registers the representation meters.
     *
     * @param registry where
     */
    public RepresentationMeters(MeterRegistry registry) {
        Gauge.builder("stml.representation.embedding.spread", spread, DoubleCell::get)
                .description("Mean distance between a batch's L2-normalised f embeddings (0 to 2)")
                .register(registry);
        Gauge.builder("stml.representation.pseudo.label.entropy", entropy, DoubleCell::get)
                .description("Mean binary entropy of W's off-diagonal entries, in bits (0 to 1)").register(registry);
    }

    /**
     * Records a batch's signals; NaN values are ignored.
     *
     * @param embeddingSpread the spread
     * @param pseudoLabelEntropy the entropy
     */
    public void batch(double embeddingSpread, double pseudoLabelEntropy) {
        if (!Double.isNaN(embeddingSpread)) {
            spread.set(embeddingSpread);
        }
        if (!Double.isNaN(pseudoLabelEntropy)) {
            entropy.set(pseudoLabelEntropy);
        }
    }
}
