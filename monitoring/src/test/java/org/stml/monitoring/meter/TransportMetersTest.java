package org.stml.monitoring.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.stml.monitoring.meter.TransportMeters.DropReason;

/** The transport meters: one counter per drop reason, exported as stml_transport_dropped_total. */
class TransportMetersTest {

    @Test
    void everyReasonStartsAtZeroAndCountsItsOwnDrops() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TransportMeters meters = new TransportMeters(registry);
        for (DropReason reason : DropReason.values()) {
            assertEquals(0, dropped(registry, reason), reason.name());
        }
        meters.dropped(DropReason.NEWER_VERSION);
        meters.dropped(DropReason.NEWER_VERSION);
        meters.dropped(DropReason.TRUNCATED);
        assertEquals(2, dropped(registry, DropReason.NEWER_VERSION));
        assertEquals(1, dropped(registry, DropReason.TRUNCATED));
        assertEquals(0, dropped(registry, DropReason.MALFORMED));
        String scrape = registry.scrape();
        assertTrue(scrape.contains("stml_transport_dropped_total{reason=\"newer-version\"} 2.0"), scrape);
        assertTrue(scrape.contains("stml_transport_dropped_total{reason=\"oversized\"} 0.0"), scrape);
    }

    @Test
    void registeringAgainSharesTheCounters() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new TransportMeters(registry).dropped(DropReason.MALFORMED);
        new TransportMeters(registry).dropped(DropReason.MALFORMED);
        assertEquals(2, dropped(registry, DropReason.MALFORMED));
        assertEquals(DropReason.values().length, registry.find("stml.transport.dropped").counters().size());
    }

    private static double dropped(MeterRegistry registry, DropReason reason) {
        return registry.get("stml.transport.dropped").tag("reason", TransportMeters.tag(reason)).counter().count();
    }
}
