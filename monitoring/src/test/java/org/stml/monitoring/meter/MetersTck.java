package org.stml.monitoring.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stml.monitoring.meter.StudentMeters.Outcome;
import org.stml.monitoring.meter.StudentMeters.Phase;

/**
 * What every registry must show of the training meters (a TCK in Micrometer's manner): subclasses give the registry.
 */
public abstract class MetersTck {

    /** The facts every test registers. */
    protected static final TrainingMeters.RunFacts FACTS = new TrainingMeters.RunFacts("resnet18", "cifar10", "0.1",
            2);

    /** The registry under test. */
    protected MeterRegistry registry;
    /** The meters registered in it. */
    protected TrainingMeters meters;

    /**
     * Returns a new, empty registry of the kind under test.
     *
     * @return the registry
     */
    protected abstract MeterRegistry newRegistry();

    @BeforeEach
    void register() {
        registry = newRegistry();
        AtomicLong corrupt = new AtomicLong(3);
        AtomicLong arrays = new AtomicLong(11);
        // capturing lambdas, referenced by nothing but the meters: they must survive garbage collection
        meters = TrainingMeters.register(registry, FACTS, List.of(1, 2, 4, 8), corrupt::get, arrays::get);
    }

    @Test
    void everyAreaRegistersItsMetersUpFront() {
        Set<String> names = new TreeSet<>();
        registry.getMeters().forEach(meter -> names.add(meter.getId().getName()));
        for (String name : List.of("stml.run.info", "stml.run.epoch", "stml.run.start.time",
                "stml.run.max.teacher.lag", "stml.run.rollbacks", "stml.student.steps", "stml.student.images",
                "stml.step.phase", "stml.student.loss", "stml.student.learning.rate", "stml.student.gradient.norm",
                "stml.teacher.version", "stml.teacher.lag", "stml.ema.momentum", "stml.teacher.student.distance",
                "stml.representation.embedding.spread", "stml.representation.pseudo.label.entropy",
                "stml.data.batches", "stml.data.batches.ahead", "stml.sampler.rebuild", "stml.data.corrupt.images",
                "stml.evaluation.recall", "stml.evaluation.map.at.r", "stml.evaluation.r.precision",
                "stml.evaluation.nmi", "stml.evaluation.epochs.trained", "stml.evaluations",
                "stml.evaluation.duration", "stml.checkpoints", "stml.checkpoint.duration", "stml.checkpoint.size",
                "stml.checkpoint.last.success", "stml.native.arrays", "stml.process.resident.memory")) {
            assertTrue(names.contains(name), name + " is registered before anything is recorded: " + names);
        }
    }

    @Test
    void countersStartAtZeroForEveryKnownTagValue() {
        for (Outcome outcome : Outcome.values()) {
            assertEquals(0, registry.get("stml.student.steps").tag("outcome", StudentMeters.tag(outcome)).counter()
                    .count(), outcome.name());
        }
        for (Phase phase : Phase.values()) {
            assertEquals(0, registry.get("stml.step.phase").tag("phase", StudentMeters.tag(phase)).timer().count());
        }
        assertEquals(0, registry.get("stml.run.rollbacks").counter().count());
        assertEquals(0, registry.get("stml.checkpoints").counter().count());
        assertEquals(0, registry.get("stml.data.batches").counter().count());
        assertEquals(4, registry.find("stml.evaluation.recall").gauges().size(), "one series per K");
    }

    @Test
    void recordedValuesShowUp() {
        meters.student().step(Outcome.APPLIED, 48);
        meters.student().step(Outcome.NONFINITE, 48);
        meters.student().phase(Phase.FORWARD, 2_000_000);
        meters.student().loss(0.5, 0.4, 0.6, 0.01);
        meters.student().learningRates(1e-3, 5e-4);
        meters.teacher().labelled(7, 2);
        meters.teacher().folded(0.9, 3.5);
        meters.representation().batch(1.2, 0.8);
        meters.evaluation().evaluated(3, Map.of("recall_at_1", 0.61, "NMI", 0.48), 1.5);
        meters.checkpoints().written(0.2, 1234);
        meters.run().rolledBack();
        System.gc();

        assertEquals(1, registry.get("stml.student.steps").tag("outcome", "applied").counter().count());
        assertEquals(1, registry.get("stml.student.steps").tag("outcome", "nonfinite").counter().count());
        assertEquals(96, registry.get("stml.student.images").counter().count());
        assertEquals(0.002, registry.get("stml.step.phase").tag("phase", "forward").timer()
                .totalTime(java.util.concurrent.TimeUnit.SECONDS), 1e-9);
        assertEquals(0.6, registry.get("stml.student.loss").tag("term", "rc_g").gauge().value());
        assertEquals(5e-4, registry.get("stml.student.learning.rate").tag("group", "heads").gauge().value());
        assertEquals(7, registry.get("stml.teacher.version").gauge().value());
        assertEquals(2, registry.get("stml.teacher.lag").summary().max());
        assertEquals(3.5, registry.get("stml.teacher.student.distance").gauge().value());
        assertEquals(0.8, registry.get("stml.representation.pseudo.label.entropy").gauge().value());
        assertEquals(0.61, registry.get("stml.evaluation.recall").tag("k", "1").gauge().value());
        assertTrue(Double.isNaN(registry.get("stml.evaluation.recall").tag("k", "2").gauge().value()),
                "a metric the evaluation did not give stays unknown");
        assertEquals(0.48, registry.get("stml.evaluation.nmi").gauge().value());
        assertEquals(1234, registry.get("stml.checkpoint.size").gauge().value());
        assertTrue(registry.get("stml.checkpoint.last.success").gauge().value() > 1.7e9, "Unix time");
        assertEquals(1, registry.get("stml.run.rollbacks").counter().count());
        assertEquals(3, registry.get("stml.data.corrupt.images").functionCounter().count());
        assertEquals(11, registry.get("stml.native.arrays").gauge().value());
        double resident = registry.get("stml.process.resident.memory").gauge().value();
        assertTrue(resident > 10e6 && resident < 1e12, "this JVM's resident set, in bytes: " + resident);
    }

    @Test
    void valuesThatWereNotMeasuredKeepTheLastOne() {
        meters.student().gradientNorm(2.5);
        meters.student().gradientNorm(Double.NaN);
        meters.teacher().folded(0.9, 1.0);
        meters.teacher().folded(0.95, Double.NaN);
        meters.student().phase(Phase.WAIT, 0);

        assertEquals(2.5, registry.get("stml.student.gradient.norm").gauge().value());
        assertEquals(1.0, registry.get("stml.teacher.student.distance").gauge().value());
        assertEquals(0.95, registry.get("stml.ema.momentum").gauge().value());
        assertEquals(0, registry.get("stml.step.phase").tag("phase", "wait").timer().count(), "no wait, no sample");
    }

    @Test
    void noMeterNameCarriesTheSuffixTheRegistryAdds() {
        for (Meter meter : registry.getMeters()) {
            String name = meter.getId().getName();
            if (!name.startsWith("stml.")) {
                continue;
            }
            boolean countGauge = name.endsWith(".count") && meter.getId().getType() == Meter.Type.GAUGE;
            assertFalse(name.endsWith("total") || countGauge, name);
        }
    }
}
