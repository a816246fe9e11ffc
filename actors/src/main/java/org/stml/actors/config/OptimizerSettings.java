package org.stml.actors.config;

/**
 * {@code stml.optimizer}: AdamP with decoupled weight decay and separate backbone and head learning rates.
 *
 * @param lr the learning rate of the backbone, positive
 * @param embLr the learning rate of the f and g heads, positive
 * @param weightDecay the decoupled weight decay, not negative
 * @param schedule the learning-rate schedule over the epochs
 * @param adamp the AdamP internals
 */
public record OptimizerSettings(double lr, double embLr, double weightDecay, ScheduleKind schedule,
        AdamPSettings adamp) {

    static OptimizerSettings read(SettingsReader reader) {
        return new OptimizerSettings(reader.number("lr", v -> v > 0, "positive"),
                reader.number("emb-lr", v -> v > 0, "positive"),
                reader.number("weight-decay", v -> v >= 0, "at least 0"),
                reader.choice("schedule", ScheduleKind.class), AdamPSettings.read(reader.section("adamp")));
    }
}
