package org.stml.monitoring.meter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The data side: batches produced, the pipeline's queue of batches requested ahead, neighbour-table rebuilds and the
 * corrupt images skipped.
 */
public final class DataMeters {

    private final Counter batches;
    private final DoubleCell ahead = new DoubleCell(0);
    private final Timer rebuild;
    /** Held here because Micrometer keeps only a weak reference to a function counter's source. */
    private final LongSupplier corruptImages;

    /**
     * Registers the data meters.
     *
     * @param registry where
     * @param corruptImages the number of corrupt images skipped so far
     */
    public DataMeters(MeterRegistry registry, LongSupplier corruptImages) {
        batches = Counter.builder("stml.data.batches").description("Batches loaded and labelled").register(registry);
        Gauge.builder("stml.data.batches.ahead", ahead, DoubleCell::get)
                .description("Batches requested beyond the current step and not yet consumed").register(registry);
        rebuild = Timer.builder("stml.sampler.rebuild").description("Nearest-neighbour table rebuilds")
                .register(registry);
        this.corruptImages = corruptImages;
        FunctionCounter.builder("stml.data.corrupt.images", this.corruptImages, LongSupplier::getAsLong)
                .description("Images that could not be decoded, skipped").register(registry);
    }

    /**
     * Records a consumed batch.
     *
     * @param batchesAhead the batches requested beyond it at that moment
     */
    public void batch(int batchesAhead) {
        batches.increment();
        ahead.set(batchesAhead);
    }

    /**
     * Records the rebuilds of an epoch.
     *
     * @param seconds their total time
     */
    public void rebuilt(double seconds) {
        rebuild.record(Duration.ofNanos((long) (seconds * 1e9)));
    }
}
