package org.stml.monitoring;

/**
 * How a node exports its metrics, in the style of Micrometer's registry configs: every setting has a default and is
 * looked up by key through {@link #get(String)}, so that an implementation only has to say where values come from.
 */
public interface MonitoringConfig {

    /** A configuration with every default: exporter on, loopback, port 9404, node "local", role "single-node". */
    MonitoringConfig DEFAULT = key -> null;

    /**
     * Returns the value for a key under {@link #prefix()}, or null for the default.
     *
     * @param key the full key, e.g. {@code stml.monitoring.port}
     * @return the value as text, or null
     */
    String get(String key);

    /**
     * Returns the prefix of every key.
     *
     * @return {@code stml.monitoring}
     */
    default String prefix() {
        return "stml.monitoring";
    }

    /**
     * Returns whether the HTTP exporter runs.
     *
     * @return default true
     */
    default boolean enabled() {
        String value = get(prefix() + ".enabled");
        return value == null || Boolean.parseBoolean(value);
    }

    /**
     * Returns the address the exporter binds to.
     *
     * @return default {@code 127.0.0.1} (loopback only)
     */
    default String host() {
        String value = get(prefix() + ".host");
        return value == null ? "127.0.0.1" : value;
    }

    /**
     * Returns the exporter's port.
     *
     * @return default 9404; 0 picks a free port
     */
    default int port() {
        String value = get(prefix() + ".port");
        return value == null ? 9404 : Integer.parseInt(value);
    }

    /**
     * Returns the node tag of every meter.
     *
     * @return default {@code local}
     */
    default String node() {
        String value = get(prefix() + ".node");
        return value == null || value.isBlank() ? "local" : value;
    }

    /**
     * Returns the role tag of every meter: what this node runs.
     *
     * @return default {@code single-node}
     */
    default String role() {
        String value = get(prefix() + ".role");
        return value == null || value.isBlank() ? "single-node" : value;
    }
}
