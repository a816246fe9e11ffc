/** The golden test vectors of STML-SPEC §12, shared by the similarity and loss tests. */
package org.stml.model.golden;
