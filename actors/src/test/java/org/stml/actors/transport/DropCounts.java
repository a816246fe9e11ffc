package org.stml.actors.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.stml.monitoring.meter.TransportMeters;
import org.stml.monitoring.meter.TransportMeters.DropReason;

/** Reads {@code stml.transport.dropped} through a registry attached to Micrometer's global one until closed. */
final class DropCounts implements AutoCloseable {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    DropCounts() {
        Metrics.addRegistry(registry);
    }

    /** The drops counted for a reason since this was opened (by every serializer of this JVM). */
    double of(DropReason reason) {
        Counter counter = registry.find("stml.transport.dropped").tag("reason", TransportMeters.tag(reason))
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        Metrics.removeRegistry(registry);
    }
}
