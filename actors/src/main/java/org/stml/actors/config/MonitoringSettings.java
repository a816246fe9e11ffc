package org.stml.actors.config;

import org.stml.monitoring.MonitoringConfig;

/**
 * {@code stml.monitoring}: the node's Prometheus exporter and the tags of its meters.
 *
 * @param enabled whether the exporter runs
 * @param host the address it binds to
 * @param port its port; 0 for a free one
 * @param node the {@code node} tag; empty for {@code local}
 * @param role the {@code role} tag
 */
public record MonitoringSettings(boolean enabled, String host, int port, String node, String role) {

    /**
     * Returns these settings as the monitoring module's config.
     *
     * @return the config
     */
    public MonitoringConfig config() {
        return new MonitoringConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public String host() {
                return host;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public String node() {
                return node.isBlank() ? MonitoringConfig.DEFAULT.node() : node;
            }

            @Override
            public String role() {
                return role;
            }
        };
    }

    static MonitoringSettings read(SettingsReader reader) {
        return new MonitoringSettings(reader.bool("enabled"), reader.text("host"), reader.integer("port", 0, 65535),
                reader.text("node"), reader.text("role"));
    }
}
