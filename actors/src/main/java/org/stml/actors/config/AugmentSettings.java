package org.stml.actors.config;

/**
 * {@code stml.data.augment}: the RandomResizedCrop and flip of the training views.
 *
 * @param minScale the smallest crop area fraction, in (0, 1]
 * @param maxScale the largest crop area fraction, in (0, 1]
 * @param minRatio the smallest crop aspect ratio, positive
 * @param maxRatio the largest crop aspect ratio, positive
 * @param flipProbability the probability of a horizontal flip, in [0, 1]
 */
public record AugmentSettings(double minScale, double maxScale, double minRatio, double maxRatio,
        double flipProbability) {

    static AugmentSettings read(SettingsReader reader) {
        AugmentSettings augment = new AugmentSettings(
                reader.number("min-scale", v -> v > 0 && v <= 1, "in (0, 1]"),
                reader.number("max-scale", v -> v > 0 && v <= 1, "in (0, 1]"),
                reader.number("min-ratio", v -> v > 0, "positive"),
                reader.number("max-ratio", v -> v > 0, "positive"),
                reader.number("flip-probability", v -> v >= 0 && v <= 1, "in [0, 1]"));
        reader.require(augment.minScale <= augment.maxScale, reader.path("min-scale"),
                "must be at most " + reader.path("max-scale") + " (" + augment.maxScale + "), got " + augment.minScale,
                reader.path("min-scale"), reader.path("max-scale"));
        reader.require(augment.minRatio <= augment.maxRatio, reader.path("min-ratio"),
                "must be at most " + reader.path("max-ratio") + " (" + augment.maxRatio + "), got " + augment.minRatio,
                reader.path("min-ratio"), reader.path("max-ratio"));
        return augment;
    }
}
