/**
 * Metrics export of stml: the registry a node exports ({@link org.stml.monitoring.StmlRegistry}, Prometheus format,
 * common tags, JVM meters), its HTTP exporter ({@link org.stml.monitoring.MetricsExporter}) and the exporter settings
 * ({@link org.stml.monitoring.MonitoringConfig}). The Grafana dashboard and the Prometheus scrape configuration and
 * alert rules live beside the sources, in {@code monitoring/grafana} and {@code monitoring/prometheus}.
 */
package org.stml.monitoring;
