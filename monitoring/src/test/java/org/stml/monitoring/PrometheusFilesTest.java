package org.stml.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.stml.monitoring.testing.PrometheusTools;
import org.stml.monitoring.testing.RepositoryFiles;

/** The Prometheus configuration and alert rules of {@code monitoring/prometheus}, checked by promtool. */
class PrometheusFilesTest {

    private static final Path DIRECTORY = RepositoryFiles.resolve("monitoring/prometheus");

    @Test
    void theScrapeConfigurationIsValid() throws Exception {
        PrometheusTools.Result result = PrometheusTools.promtool(null, "check", "config",
                DIRECTORY.resolve("prometheus.yml").toString());
        assertEquals(0, result.status(), result.output());
    }

    @Test
    void theAlertRulesAreValid() throws Exception {
        PrometheusTools.Result result = PrometheusTools.promtool(null, "check", "rules",
                DIRECTORY.resolve("alerts.yml").toString());
        assertEquals(0, result.status(), result.output());
        assertTrue(result.output().contains("SUCCESS: 7 rules found"), result.output());
    }

    @Test
    void theAlertRulesFireWhenAndOnlyWhenTheirUnitTestsSay() throws Exception {
        PrometheusTools.Result result = PrometheusTools.promtool(null, "test", "rules",
                DIRECTORY.resolve("alerts-test.yml").toString());
        assertEquals(0, result.status(), result.output());
    }
}
