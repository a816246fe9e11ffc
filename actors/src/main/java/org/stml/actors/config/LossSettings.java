package org.stml.actors.config;

/**
 * {@code stml.loss}: the contextualized similarity and the relaxed contrastive loss.
 *
 * @param sigma the Gaussian kernel width σ, positive
 * @param margin the relaxed contrastive margin δ, positive
 * @param numNeighbors nn, the neighbours per sampler query and the k of the contextual similarity
 * @param views the augmented views per image
 */
public record LossSettings(double sigma, double margin, int numNeighbors, int views) {

    static LossSettings read(SettingsReader reader) {
        return new LossSettings(reader.number("sigma", v -> v > 0, "positive"),
                reader.number("margin", v -> v > 0, "positive"), reader.integer("num-neighbors", 1),
                reader.integer("views", 1));
    }
}
