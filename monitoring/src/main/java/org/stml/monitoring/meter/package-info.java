/**
 * The meters of a training node, one small class per area (run, student, teacher and EMA, representation health,
 * data and sampler, evaluation, checkpoints, transport). Each registers every meter it owns when constructed,
 * counters at 0 for every known tag value, so that dashboards and alerts see a series from the first scrape. Names
 * are Micrometer's dot-separated form of the Prometheus names, base units in the name, ratios 0–1.
 */
package org.stml.monitoring.meter;
