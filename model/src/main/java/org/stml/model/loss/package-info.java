/**
 * The STML losses (docs/ALGORITHM.md §4): relative distances with a safe gradient at zero distance, the relaxed
 * contrastive loss on both heads and the KL self-distillation from {@code g} to {@code f}.
 */
package org.stml.model.loss;
