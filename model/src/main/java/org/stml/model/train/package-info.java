/**
 * The sequential STML training loop built from the model module alone: one student step in the paper's order
 * (docs/ALGORITHM.md §5.1). The actor pipeline of the {@code actors} module is tested against exactly this loop.
 */
package org.stml.model.train;
