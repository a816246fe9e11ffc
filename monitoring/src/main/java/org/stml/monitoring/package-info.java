/** Meters, the Prometheus exporter, dashboards and alert rules of stml (a later issue). */
package org.stml.monitoring;
