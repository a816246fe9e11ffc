/** The golden test vectors of docs/ALGORITHM.md §12, shared by the similarity and loss tests. */
package org.stml.model.golden;
