/**
 * The numerical core of STML (Self-Taught Metric Learning without Labels, CVPR 2022): networks, the
 * contextualized semantic similarity, the losses, AdamP, the EMA teacher and evaluation. This module has no actors
 * and no threads of its own; a plain sequential training loop can be written with it alone.
 */
package org.stml.model;
