package org.stml.monitoring.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stml.monitoring.MonitoringConfig;
import org.stml.monitoring.StmlRegistry;
import org.stml.monitoring.meter.StudentMeters.Outcome;
import org.stml.monitoring.testing.PrometheusTools;

/** The meters on the registry a node exports, and its scrape as Prometheus reads it. */
class PrometheusRegistryMetersTest extends MetersTck {

    @TempDir
    Path temp;

    @Override
    protected MeterRegistry newRegistry() {
        return StmlRegistry.create(MonitoringConfig.DEFAULT, "run-1");
    }

    @Test
    void theScrapeCarriesTheCommonTagsAndPrometheusNames() {
        meters.student().step(Outcome.APPLIED, 48);
        String scrape = ((PrometheusMeterRegistry) registry).scrape();
        assertTrue(scrape.contains("stml_student_steps_total{application=\"stml\",node=\"local\",outcome=\"applied\","
                + "role=\"single-node\",run=\"run-1\"} 1.0"), scrape);
        assertTrue(scrape.contains("stml_run_info{application=\"stml\",backbone=\"resnet18\",dataset=\"cifar10\","),
                scrape);
        assertTrue(scrape.contains("stml_teacher_lag_bucket{"), "the lag is a histogram");
        assertTrue(scrape.contains("stml_step_phase_seconds_bucket{"), "phase times are histograms");
        assertTrue(scrape.contains("jvm_buffer_memory_used_bytes{"), "direct-buffer memory is exported");
        assertTrue(scrape.contains("stml_checkpoint_last_success_seconds{"), scrape);
    }

    @Test
    void promtoolFindsNothingToCriticise() throws Exception {
        meters.student().step(Outcome.APPLIED, 48);
        meters.teacher().labelled(3, 1);
        Path scrape = temp.resolve("scrape.txt");
        Files.writeString(scrape, ((PrometheusMeterRegistry) registry).scrape());
        PrometheusTools.Result checked = PrometheusTools.promtool(scrape, "check", "metrics");
        assertEquals(0, checked.status(), checked.output());
        assertEquals("", checked.output().strip());
    }
}
