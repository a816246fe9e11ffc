/** Test helpers shared with other modules: a real Prometheus, promtool, and the dashboard's queries. */
package org.stml.monitoring.testing;
