package org.stml.actors.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stml.actors.cli.Main;
import org.stml.monitoring.testing.DashboardFile;
import org.stml.monitoring.testing.PrometheusServer;

/**
 * End to end: a real Prometheus scrapes {@code stml train} and then {@code stml resume} of the same run (a restart),
 * and every query of the Grafana dashboard, its restart annotation included, returns data (a number, not NaN)
 * through Prometheus' HTTP API at a moment during the resumed run.
 */
class PrometheusDashboardTest {

    @TempDir
    Path temp;

    @Test
    void everyDashboardQueryReturnsDataFromARealScrape() throws Exception {
        int port = PrometheusServer.freePort();
        Path runDir = temp.resolve("run");
        try (PrometheusServer prometheus = PrometheusServer.start("127.0.0.1:" + port, temp)) {
            prometheus.awaitReady(Duration.ofSeconds(30));
            String exporter = "stml.monitoring.port=" + port;
            assertEquals(0, stml("train", "--run-dir", runDir.toString(), "-D", exporter, "-D", "stml.run.epochs=2"));
            assertEquals(0, stml("resume", "--run-dir", runDir.toString(), "--force", "-D", exporter,
                    "-D", "stml.run.epochs=4"));
            long during = System.currentTimeMillis() - 1500;

            List<String> empty = new ArrayList<>();
            List<DashboardFile.Query> queries = DashboardFile.queries(DashboardFile.read());
            for (DashboardFile.Query query : queries) {
                JsonNode result = prometheus.query(query.expression(), during / 1000.0);
                if (!hasANumber(result)) {
                    empty.add(query.where() + ": " + query.expression() + " -> " + result);
                }
            }
            assertTrue(empty.isEmpty(), "queries without data:\n" + String.join("\n", empty));
            assertTrue(queries.size() >= 40, "the dashboard's queries: " + queries.size());
        }
    }

    /** Whether some series of an instant-query result has a value that is a number (NaN is no data). */
    private static boolean hasANumber(JsonNode result) {
        for (JsonNode series : result) {
            if (!"NaN".equals(series.at("/value/1").asText())) {
                return true;
            }
        }
        return false;
    }

    private static int stml(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        if (status != 0) {
            System.err.println(out.toString(StandardCharsets.UTF_8));
        }
        return status;
    }
}
