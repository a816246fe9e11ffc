/**
 * Micro-benchmarks that need the actor runtime, run with {@code ./stml bench <name>} beside those of
 * {@code org.stml.model.bench}; figures go to docs/BENCHMARKS.md.
 */
package org.stml.actors.bench;
