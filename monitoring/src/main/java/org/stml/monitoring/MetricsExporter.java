package org.stml.monitoring;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Serves a registry's meters over HTTP in the Prometheus formats, at {@code http://host:port/metrics}, until closed.
 */
public final class MetricsExporter implements AutoCloseable {

    private final HTTPServer server;
    private final String host;

    private MetricsExporter(HTTPServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /**
     * Starts serving.
     *
     * @param registry the meters to serve
     * @param config where to listen
     * @return the running exporter
     * @throws UncheckedIOException naming the address if it cannot listen there (e.g. the port is taken)
     */
    public static MetricsExporter start(PrometheusMeterRegistry registry, MonitoringConfig config) {
        try {
            HTTPServer server = HTTPServer.builder()
                    .hostname(config.host())
                    .port(config.port())
                    .registry(registry.getPrometheusRegistry())
                    .buildAndStart();
            return new MetricsExporter(server, config.host());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + config.host() + ":" + config.port() + " ("
                    + config.prefix() + ".host/.port): " + e.getMessage(), e);
        }
    }

    /**
     * Returns the port actually listened on (the chosen one when the config asked for 0).
     *
     * @return the port
     */
    public int port() {
        return server.getPort();
    }

    /**
     * Returns the URL Prometheus scrapes.
     *
     * @return {@code http://host:port/metrics}
     */
    public String url() {
        return "http://" + host + ":" + port() + "/metrics";
    }

    /** Stops serving. */
    @Override
    public void close() {
        server.close();
    }
}
