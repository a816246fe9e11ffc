package org.stml.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Creates the registry a node exports: Prometheus format, the common tags {@code application}, {@code node},
 * {@code role} and {@code run} on every meter, and the JVM, GC, direct-buffer, thread, CPU and uptime meters.
 */
public final class StmlRegistry {

    /** The {@code application} tag of every meter. */
    public static final String APPLICATION = "stml";

    private StmlRegistry() {}

    /**
     * Creates the registry with its common tags and JVM binders.
     *
     * @param config the node and role tags
     * @param runId the run's identifier (the name of its run directory): one value per run, never per step
     * @return the registry; the caller closes it
     */
    public static PrometheusMeterRegistry create(MonitoringConfig config, String runId) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags(Tags.of("application", APPLICATION, "node", config.node(), "role", config.role(),
                "run", runId));
        // two binder meters whose Prometheus names promtool rejects (an abbreviated unit, a gauge named *_count)
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("system.cpu.count")));
        bindJvm(registry);
        return registry;
    }

    private static void bindJvm(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }
}
