package org.stml.monitoring.meter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.util.concurrent.TimeUnit;

/**
 * Run facts: {@code stml_run_info} (1, tagged with the backbone, the dataset layout and the version), the current
 * epoch, the start time (a restart shows as a jump) and the roll-backs after non-finite streaks.
 */
public final class RunMeters {

    private final DoubleCell epoch = new DoubleCell(0);
    private final Counter rollbacks;

    /**
     * Registers the run meters.
     *
     * @param registry where
     * @param backbone the backbone name
     * @param dataset the dataset layout
     * @param version the stml version
     * @param maxTeacherLag the configured max-teacher-lag, exported as {@code stml_run_max_teacher_lag}
     */
    public RunMeters(MeterRegistry registry, String backbone, String dataset, String version, long maxTeacherLag) {
        Gauge.builder("stml.run.info", () -> 1).tags("backbone", backbone, "dataset", dataset, "version", version)
                .description("Facts about the run; always 1").register(registry);
        Gauge.builder("stml.run.epoch", epoch, DoubleCell::get).description("The epoch in progress, from 1")
                .register(registry);
        long started = System.currentTimeMillis();
        TimeGauge.builder("stml.run.start.time", () -> started, TimeUnit.MILLISECONDS)
                .description("When this process started training, in Unix time").register(registry);
        Gauge.builder("stml.run.max.teacher.lag", () -> maxTeacherLag)
                .description("The configured bound on the teacher lag, in teacher versions").register(registry);
        rollbacks = Counter.builder("stml.run.rollbacks")
                .description("Roll-backs to the latest checkpoint after a streak of non-finite steps")
                .register(registry);
    }

    /**
     * Records the epoch in progress.
     *
     * @param epochFromOne the epoch, from 1
     */
    public void epoch(int epochFromOne) {
        epoch.set(epochFromOne);
    }

    /** Counts a roll-back. */
    public void rolledBack() {
        rollbacks.increment();
    }
}
