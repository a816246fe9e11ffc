/** Benchmarks of the actor runtime: what the pipeline's messages and their serialisation cost. */
package org.stml.actors.bench;
