package org.stml.monitoring.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Grafana dashboard of {@code monitoring/grafana}, read for tests: its panels, queries and metric names. */
public final class DashboardFile {

    /** Where the dashboard lives, relative to the repository root. */
    public static final String PATH = "monitoring/grafana/stml-dashboard.json";

    private static final Pattern METRIC = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s*(\\{|\\[)");
    private static final Set<String> FUNCTIONS = Set.of("rate", "increase", "sum", "max", "min", "avg", "by",
            "histogram_quantile", "changes", "time", "label_values");

    private DashboardFile() {}

    /**
     * Reads the dashboard.
     *
     * @return its JSON tree
     * @throws IOException if it cannot be read or parsed
     */
    public static JsonNode read() throws IOException {
        return new ObjectMapper().readTree(RepositoryFiles.resolve(PATH).toFile());
    }

    /**
     * Returns every panel that is not a row.
     *
     * @param dashboard the dashboard
     * @return the panels
     */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> {
            if (!"row".equals(panel.get("type").asText())) {
                panels.add(panel);
            }
        });
        return panels;
    }

    /**
     * Returns every query of the dashboard (panel targets, variables and annotations) with Grafana's variables
     * replaced so that Prometheus can run them: the run/node/role variables match anything.
     *
     * @param dashboard the dashboard
     * @return the queries, each with where it comes from
     */
    public static List<Query> queries(JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            panel.get("targets").forEach(target -> queries.add(new Query("panel '" + panel.get("title").asText()
                    + "' " + target.get("refId").asText(), substitute(target.get("expr").asText()))));
        }
        dashboard.at("/annotations/list").forEach(annotation -> queries.add(new Query("annotation '"
                + annotation.get("name").asText() + "'", substitute(annotation.get("expr").asText()))));
        return queries;
    }

    /**
     * Returns the metric names a PromQL expression reads.
     *
     * @param expression the expression
     * @return the names, sorted
     */
    public static Set<String> metricNames(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(expression.replaceAll("\"[^\"]*\"", "\"\""));
        while (matcher.find()) {
            if (!FUNCTIONS.contains(matcher.group(1))) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static String substitute(String expression) {
        String result = expression;
        for (Map.Entry<String, String> variable : Map.of("$__rate_interval", "30s", "$__interval", "5m",
                "$__range", "1h", "$run", ".*", "$node", ".*", "$role", ".*").entrySet()) {
            result = result.replace(variable.getKey(), variable.getValue());
        }
        return result;
    }

    /**
     * A query of the dashboard.
     *
     * @param where the panel and target, or the annotation
     * @param expression the PromQL, variables replaced
     */
    public record Query(String where, String expression) {}
}
