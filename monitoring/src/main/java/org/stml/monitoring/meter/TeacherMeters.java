package org.stml.monitoring.meter;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The teacher and the EMA: the teacher version, the teacher lag per batch (a histogram whose bucket bounds sit half
 * way between whole lags, so that {@code le="0.5"} counts the batches at lag 0, {@code le="2.5"} those at lag 2 or
 * less, up to 8, then 16 and 32), the EMA momentum and the teacher–student distance of trainable weights.
 */
public final class TeacherMeters {

    private static final double[] LAG_BUCKETS = {0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 16.5, 32.5};

    private final DoubleCell version = new DoubleCell(0);
    private final DoubleCell momentum = new DoubleCell(Double.NaN);
    private final DoubleCell distance = new DoubleCell(Double.NaN);
    private final DistributionSummary lag;

    /**
     * Registers the teacher meters.
     *
     * @param registry where
     */
    public TeacherMeters(MeterRegistry registry) {
        Gauge.builder("stml.teacher.version", version, DoubleCell::get)
                .description("EMA updates the teacher that labelled the last batch had absorbed").register(registry);
        lag = DistributionSummary.builder("stml.teacher.lag").serviceLevelObjectives(LAG_BUCKETS)
                .description("Teacher versions the labelling teacher trailed the reference one by, per batch")
                .register(registry);
        Gauge.builder("stml.ema.momentum", momentum, DoubleCell::get)
                .description("EMA momentum of the last fold").register(registry);
        Gauge.builder("stml.teacher.student.distance", distance, DoubleCell::get)
                .description("L2 distance between teacher and student trainable weights").register(registry);
    }

    /**
     * Records the teacher side of a labelled batch.
     *
     * @param teacherVersion the version that labelled it
     * @param teacherLag its lag, in teacher versions
     */
    public void labelled(long teacherVersion, long teacherLag) {
        version.set(teacherVersion);
        lag.record(teacherLag);
    }

    /**
     * Records a fold of the student into the teacher.
     *
     * @param emaMomentum the momentum used; NaN is ignored (no fold)
     * @param teacherStudentDistance the distance after it; NaN is ignored (not measured this time)
     */
    public void folded(double emaMomentum, double teacherStudentDistance) {
        if (!Double.isNaN(emaMomentum)) {
            momentum.set(emaMomentum);
        }
        if (!Double.isNaN(teacherStudentDistance)) {
            distance.set(teacherStudentDistance);
        }
    }
}
