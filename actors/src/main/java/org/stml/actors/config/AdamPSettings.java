package org.stml.actors.config;

/**
 * {@code stml.optimizer.adamp}: the internals of AdamP.
 *
 * @param beta1 the first-moment decay, in [0, 1)
 * @param beta2 the second-moment decay, in [0, 1)
 * @param epsilon the denominator term, positive
 * @param delta the projection's cosine threshold, positive
 * @param wdRatio the weight-decay multiplier of projected parameters, not negative
 * @param nesterov whether the update uses Nesterov momentum
 */
public record AdamPSettings(double beta1, double beta2, double epsilon, double delta, double wdRatio,
        boolean nesterov) {

    /** AdamP computes in float32: a value is checked as the float it becomes. */
    static AdamPSettings read(SettingsReader reader) {
        return new AdamPSettings(reader.number("beta1", v -> v >= 0 && (float) v < 1, "in [0, 1) as a float32"),
                reader.number("beta2", v -> v >= 0 && (float) v < 1, "in [0, 1) as a float32"),
                reader.number("epsilon", v -> (float) v > 0, "positive as a float32"),
                reader.number("delta", v -> (float) v > 0, "positive as a float32"),
                reader.number("wd-ratio", v -> v >= 0 && Float.isFinite((float) v), "at least 0, a finite float32"),
                reader.bool("nesterov"));
    }
}
