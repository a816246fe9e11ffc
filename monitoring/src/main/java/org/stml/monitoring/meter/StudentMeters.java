package org.stml.monitoring.meter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The student's meters: steps by outcome, images, step time by phase (histograms), the loss terms, the learning
 * rates and the gradient norm.
 */
public final class StudentMeters {

    /** How a step ended. */
    public enum Outcome {
        /** The update was applied. */
        APPLIED,
        /** The loss was not finite: skipped. */
        NONFINITE,
        /** The batch was quarantined after a roll-back: skipped untrained. */
        QUARANTINED
    }

    /** The phases of a step, as the {@code phase} tag. */
    public enum Phase {
        /** The student waiting for its labelled batch. */
        WAIT,
        /** The loader decoding and augmenting the batch. */
        LOAD,
        /** The teacher forward and W. */
        LABEL,
        /** The student forward on both heads. */
        FORWARD,
        /** The STML loss. */
        LOSS,
        /** Back-propagation. */
        BACKWARD,
        /** Folding the student into the teacher. */
        EMA,
        /** The AdamP update. */
        OPTIMIZER
    }

    /** The loss terms, as the {@code term} tag. */
    public enum Term {
        /** ½ (RC_f + RC_g) + KL. */
        TOTAL,
        /** Relaxed contrastive loss on f. */
        RC_F,
        /** Relaxed contrastive loss on g. */
        RC_G,
        /** The KL self-distillation. */
        KL
    }

    private final Map<Outcome, Counter> steps = new EnumMap<>(Outcome.class);
    private final Map<Phase, Timer> phases = new EnumMap<>(Phase.class);
    private final Map<Term, DoubleCell> loss = new EnumMap<>(Term.class);
    private final Counter images;
    private final DoubleCell backboneRate = new DoubleCell(Double.NaN);
    private final DoubleCell headRate = new DoubleCell(Double.NaN);
    private final DoubleCell gradientNorm = new DoubleCell(Double.NaN);

    /**
     * Registers the student meters.
     *
     * @param registry where
     */
    public StudentMeters(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            steps.put(outcome, Counter.builder("stml.student.steps").tag("outcome", tag(outcome))
                    .description("Student steps by outcome").register(registry));
        }
        for (Phase phase : Phase.values()) {
            phases.put(phase, Timer.builder("stml.step.phase").tag("phase", tag(phase))
                    .description("Time of each phase of a step").publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                    .register(registry));
        }
        for (Term term : Term.values()) {
            DoubleCell cell = new DoubleCell(Double.NaN);
            loss.put(term, cell);
            Gauge.builder("stml.student.loss", cell, DoubleCell::get).tag("term", tag(term))
                    .description("The last applied step's loss terms").register(registry);
        }
        images = Counter.builder("stml.student.images").description("Images trained on (each in stml.loss.views views)")
                .register(registry);
        Gauge.builder("stml.student.learning.rate", backboneRate, DoubleCell::get).tag("group", "backbone")
                .description("AdamP learning rate by parameter group").register(registry);
        Gauge.builder("stml.student.learning.rate", headRate, DoubleCell::get).tag("group", "heads")
                .description("AdamP learning rate by parameter group").register(registry);
        Gauge.builder("stml.student.gradient.norm", gradientNorm, DoubleCell::get)
                .description("L2 norm of all student gradients of the last step").register(registry);
    }

    /**
     * Records a finished step.
     *
     * @param outcome how it ended
     * @param batchImages its images
     */
    public void step(Outcome outcome, int batchImages) {
        steps.get(outcome).increment();
        images.increment(batchImages);
    }

    /**
     * Records a phase's time.
     *
     * @param phase the phase
     * @param nanos its duration; ignored when not positive (the phase did not run)
     */
    public void phase(Phase phase, long nanos) {
        if (nanos > 0) {
            phases.get(phase).record(Duration.ofNanos(nanos));
        }
    }

    /**
     * Records the loss terms of an applied step.
     *
     * @param total the total
     * @param rcF RC on f
     * @param rcG RC on g
     * @param kl the KL term
     */
    public void loss(double total, double rcF, double rcG, double kl) {
        loss.get(Term.TOTAL).set(total);
        loss.get(Term.RC_F).set(rcF);
        loss.get(Term.RC_G).set(rcG);
        loss.get(Term.KL).set(kl);
    }

    /**
     * Records the learning rates in use.
     *
     * @param backbone the backbone group's
     * @param heads the heads group's
     */
    public void learningRates(double backbone, double heads) {
        backboneRate.set(backbone);
        headRate.set(heads);
    }

    /**
     * Records the gradient norm of the last step that ran backward.
     *
     * @param norm the norm; NaN is ignored
     */
    public void gradientNorm(double norm) {
        if (!Double.isNaN(norm)) {
            gradientNorm.set(norm);
        }
    }

    static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
