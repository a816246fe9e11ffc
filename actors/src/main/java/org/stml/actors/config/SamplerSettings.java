package org.stml.actors.config;

/**
 * {@code stml.sampler}: the nearest-neighbour batch sampler.
 *
 * @param batchSize the images per step, a multiple of {@code stml.loss.num-neighbors}
 * @param rebuildEverySteps rebuild the neighbour table every this many steps; 0 for once per epoch
 */
public record SamplerSettings(int batchSize, int rebuildEverySteps) {

    static SamplerSettings read(SettingsReader reader) {
        return new SamplerSettings(reader.integer("batch-size", 2), reader.integer("rebuild-every-steps", 0));
    }
}
