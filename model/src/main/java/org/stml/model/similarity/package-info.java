/**
 * The contextualized semantic similarity of STML (docs/ALGORITHM.md §3): the soft pseudo-label matrix W computed,
 * without gradient, from the teacher's L2-normalised {@code g} embeddings and the dataset index of every row.
 */
package org.stml.model.similarity;
