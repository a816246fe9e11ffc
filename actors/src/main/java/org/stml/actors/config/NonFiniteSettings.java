package org.stml.actors.config;

/**
 * {@code stml.nonfinite}: what happens when the loss or the gradients are not finite.
 *
 * @param maxConsecutiveSkips the consecutive skipped steps tolerated before rolling back to the last checkpoint
 */
public record NonFiniteSettings(int maxConsecutiveSkips) {

    static NonFiniteSettings read(SettingsReader reader) {
        return new NonFiniteSettings(reader.integer("max-consecutive-skips", 1));
    }
}
