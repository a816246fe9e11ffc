package org.stml.monitoring.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus} binary) bound to loopback, scraping one target every second
 * into a temporary directory; stopped by {@link #close()}.
 */
public final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts Prometheus scraping {@code target} (host:port, path {@code /metrics}) as job {@code stml}.
     *
     * @param target the exporter's host:port
     * @param directory a scratch directory for its configuration, data and log
     * @return the running server
     * @throws IOException if it cannot be started
     */
    public static PrometheusServer start(String target, Path directory) throws IOException {
        Path binary = PrometheusTools.binary("prometheus");
        int port = freePort();
        Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                + "scrape_configs:\n  - job_name: stml\n    static_configs:\n      - targets: [\"" + target + "\"]\n");
        Path log = directory.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PrometheusServer(process, port, log);
    }

    /**
     * Waits until Prometheus answers {@code /-/ready}, so that it scrapes the target from the moment the target is
     * up.
     *
     * @param timeout the longest wait
     * @throws IllegalStateException with Prometheus' log if it is not ready in time
     * @throws InterruptedException if interrupted
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI ready = URI.create("http://127.0.0.1:" + port + "/-/ready");
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Prometheus was not ready within " + timeout + "; its log:\n" + logText());
    }

    /**
     * Runs an instant query through the HTTP API.
     *
     * @param expression PromQL
     * @return the {@code data.result} array
     * @throws IOException if the request fails
     * @throws IllegalStateException if Prometheus answers with an error (e.g. a malformed query)
     * @throws InterruptedException if interrupted
     */
    public JsonNode query(String expression) throws IOException, InterruptedException {
        return query(expression, System.currentTimeMillis() / 1000.0);
    }

    /**
     * Runs an instant query at a given moment through the HTTP API.
     *
     * @param expression PromQL
     * @param unixSeconds the evaluation time
     * @return the {@code data.result} array
     * @throws IOException if the request fails
     * @throws IllegalStateException if Prometheus answers with an error (e.g. a malformed query)
     * @throws InterruptedException if interrupted
     */
    public JsonNode query(String expression, double unixSeconds) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(expression, StandardCharsets.UTF_8) + "&time=" + unixSeconds);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("query " + expression + " failed: " + response.body());
        }
        return body.at("/data/result");
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Returns a port that was free a moment ago on this host.
     *
     * @return the port
     * @throws IOException if no socket can be opened
     */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops Prometheus. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
