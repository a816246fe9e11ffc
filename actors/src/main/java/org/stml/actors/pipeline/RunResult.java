package org.stml.actors.pipeline;

import java.util.List;
import org.stml.model.train.EpochSummary;

/**
 * What a pipeline run did.
 *
 * @param epochs one summary per epoch
 * @param maxLag the largest teacher lag seen by any batch, in teacher versions
 */
public record RunResult(List<EpochSummary> epochs, long maxLag) {}
