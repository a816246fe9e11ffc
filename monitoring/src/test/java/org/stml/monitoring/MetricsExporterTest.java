package org.stml.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stml.monitoring.meter.TrainingMeters;

class MetricsExporterTest {

    private static final MonitoringConfig ANY_PORT = key -> key.endsWith(".port") ? "0" : null;

    @Test
    void servesTheRegistryOnLoopback() throws Exception {
        PrometheusMeterRegistry registry = StmlRegistry.create(ANY_PORT, "r");
        TrainingMeters.register(registry, new TrainingMeters.RunFacts("convnet", "synthetic", "dev", 0), List.of(1),
                () -> 0, () -> 0);
        try (MetricsExporter exporter = MetricsExporter.start(registry, ANY_PORT)) {
            assertTrue(exporter.url().startsWith("http://127.0.0.1:"), exporter.url());
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(exporter.url())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("stml_run_info{application=\"stml\",backbone=\"convnet\""));
        } finally {
            registry.close();
        }
    }

    @Test
    void aTakenPortIsRefusedNamingTheSettings() {
        PrometheusMeterRegistry registry = StmlRegistry.create(ANY_PORT, "r");
        try (MetricsExporter first = MetricsExporter.start(registry, ANY_PORT)) {
            MonitoringConfig same = key -> key.endsWith(".port") ? Integer.toString(first.port()) : null;
            UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                    () -> MetricsExporter.start(registry, same));
            assertTrue(refused.getMessage().startsWith("cannot serve metrics on 127.0.0.1:" + first.port()
                    + " (stml.monitoring.host/.port)"), refused.getMessage());
        } finally {
            registry.close();
        }
    }

    @Test
    void defaultsAreLoopbackOnTheDocumentedPort() {
        assertEquals("127.0.0.1", MonitoringConfig.DEFAULT.host());
        assertEquals(9404, MonitoringConfig.DEFAULT.port());
        assertTrue(MonitoringConfig.DEFAULT.enabled());
        assertEquals("local", MonitoringConfig.DEFAULT.node());
        assertEquals("single-node", MonitoringConfig.DEFAULT.role());
    }
}
