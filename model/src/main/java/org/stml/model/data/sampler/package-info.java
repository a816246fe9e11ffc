/**
 * STML's nearest-neighbour batch sampler (docs/ALGORITHM.md §6): a k-NN table of the training set built from the
 * student's unnormalised {@code g} embeddings, rebuilt every epoch (or every N steps), and batches made of random
 * queries each followed by its nearest neighbours.
 */
package org.stml.model.data.sampler;
