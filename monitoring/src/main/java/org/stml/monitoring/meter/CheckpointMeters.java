package org.stml.monitoring.meter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Checkpoints: how many were written, how long each took, the size of the last and when the last succeeded. */
public final class CheckpointMeters {

    private final Counter written;
    private final Timer duration;
    private final DoubleCell size = new DoubleCell(0);
    private final DoubleCell lastSuccess = new DoubleCell(0);

    /**
     * Registers the checkpoint meters.
     *
     * @param registry where
     */
    public CheckpointMeters(MeterRegistry registry) {
        written = Counter.builder("stml.checkpoints").description("Checkpoints written").register(registry);
        duration = Timer.builder("stml.checkpoint.duration").description("Time to write a checkpoint")
                .register(registry);
        Gauge.builder("stml.checkpoint.size", size, DoubleCell::get).baseUnit("bytes")
                .description("Size of the last checkpoint").register(registry);
        Gauge.builder("stml.checkpoint.last.success", lastSuccess, DoubleCell::get).baseUnit("seconds")
                .description("When the last checkpoint was written, in Unix time; 0 before the first")
                .register(registry);
    }

    /**
     * Records a written checkpoint.
     *
     * @param seconds how long it took
     * @param bytes its size on disk
     */
    public void written(double seconds, long bytes) {
        written.increment();
        duration.record(Duration.ofNanos((long) (seconds * 1e9)));
        size.set(bytes);
        lastSuccess.set(System.currentTimeMillis() / 1000.0);
    }
}
