package org.stml.monitoring.meter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Memory the JVM meters do not see: the process's resident set (libtorch allocates its tensors outside the Java heap
 * and outside direct buffers) and the number of open NDArrays, which must stay flat over a long run.
 */
public final class NativeMeters {

    private static final Path STATUS = Path.of("/proc/self/status");

    private NativeMeters() {}

    /**
     * Registers the native-memory meters.
     *
     * @param registry where
     * @param openArrays the number of NDArrays open under the run's managers
     */
    public static void register(MeterRegistry registry, LongSupplier openArrays) {
        Gauge.builder("stml.native.arrays", openArrays, LongSupplier::getAsLong).strongReference(true)
                .description("NDArrays open under the run's managers; flat in a healthy run").register(registry);
        if (Files.isReadable(STATUS)) {
            Gauge.builder("stml.process.resident.memory", NativeMeters::residentBytes).strongReference(true)
                    .baseUnit("bytes")
                    .description("Resident set size of the process, native tensors included").register(registry);
        }
    }

    /** Reads the resident set from the {@code VmRSS} line of {@code /proc/self/status} (in kB); NaN if unreadable. */
    static double residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim()) * 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
