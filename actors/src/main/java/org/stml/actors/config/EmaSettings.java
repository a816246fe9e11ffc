package org.stml.actors.config;

/**
 * {@code stml.ema}: how the teacher follows the student.
 *
 * @param momentum the EMA momentum m (the start value of a cosine schedule), in [0, 1]
 * @param schedule the momentum schedule over the steps
 */
public record EmaSettings(double momentum, ScheduleKind schedule) {

    static EmaSettings read(SettingsReader reader) {
        return new EmaSettings(reader.number("momentum", v -> v >= 0 && v <= 1, "in [0, 1]"),
                reader.choice("schedule", ScheduleKind.class));
    }
}
