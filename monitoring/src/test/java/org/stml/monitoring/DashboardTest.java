package org.stml.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.stml.monitoring.meter.TrainingMeters;
import org.stml.monitoring.testing.DashboardFile;

/**
 * The Grafana dashboard's structure, and that it names only metrics a node exports (a real Prometheus runs every
 * query against a real training run in the actors module's end-to-end test).
 */
class DashboardTest {

    @Test
    void panelIdsAreUniqueAndEveryPanelHasAUnitAPlaceAndAQuery() throws IOException {
        JsonNode dashboard = DashboardFile.read();
        Set<Integer> ids = new HashSet<>();
        dashboard.get("panels").forEach(panel -> assertTrue(ids.add(panel.get("id").asInt()),
                "duplicate panel id " + panel.get("id")));
        for (JsonNode panel : DashboardFile.panels(dashboard)) {
            String title = panel.get("title").asText();
            assertFalse(panel.at("/fieldConfig/defaults/unit").asText().isEmpty(), title + " has a unit");
            for (String axis : List.of("x", "y", "w", "h")) {
                assertTrue(panel.at("/gridPos/" + axis).isInt(), title + " gridPos." + axis);
            }
            assertTrue(panel.get("targets").size() > 0, title + " has a query");
        }
    }

    @Test
    void theRowsTheIssueAsksForAreThere() throws IOException {
        List<String> rows = new java.util.ArrayList<>();
        DashboardFile.read().get("panels").forEach(panel -> {
            if ("row".equals(panel.get("type").asText())) {
                rows.add(panel.get("title").asText());
            }
        });
        assertEquals(List.of("Run facts", "Student", "Teacher & EMA", "Representation health", "Data & sampler",
                "Checkpoints", "JVM"), rows);
    }

    @Test
    void runNodeAndRoleAreVariablesAndRestartsAreAnnotated() throws IOException {
        JsonNode dashboard = DashboardFile.read();
        Set<String> variables = new TreeSet<>();
        dashboard.at("/templating/list").forEach(variable -> variables.add(variable.get("name").asText()));
        assertEquals(Set.of("datasource", "run", "node", "role"), variables);
        assertTrue(dashboard.at("/annotations/list/0/expr").asText().contains("stml_run_start_time_seconds"));
        for (DashboardFile.Query query : DashboardFile.queries(dashboard)) {
            assertTrue(query.expression().contains("application=\"stml\""), query.where() + " selects stml");
        }
    }

    /** Micrometer registers the GC pause timer at the first GC, not before. */
    private static final Set<String> AFTER_FIRST_GC = Set.of("jvm_gc_pause_seconds_sum", "jvm_gc_pause_seconds_count");

    @Test
    void everyQueryNamesOnlyExportedMetrics() throws IOException {
        PrometheusMeterRegistry registry = StmlRegistry.create(MonitoringConfig.DEFAULT, "r");
        TrainingMeters.register(registry, new TrainingMeters.RunFacts("convnet", "synthetic", "dev", 0),
                List.of(1, 2, 4, 8), () -> 0, () -> 0);
        Set<String> exported = new TreeSet<>();
        registry.scrape().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> exported.add(line.split("[{ ]")[0]));
        exported.addAll(AFTER_FIRST_GC);
        registry.close();
        for (DashboardFile.Query query : DashboardFile.queries(DashboardFile.read())) {
            for (String name : DashboardFile.metricNames(query.expression())) {
                assertTrue(exported.contains(name), query.where() + " reads " + name + ", which is not exported");
            }
        }
    }
}
