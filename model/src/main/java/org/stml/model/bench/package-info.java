/** Micro-benchmarks of the model module, run with {@code ./stml bench <name>}; figures go to docs/BENCHMARKS.md. */
package org.stml.model.bench;
