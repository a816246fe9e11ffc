package org.stml.actors.config;

/**
 * {@code stml.nonfinite}: what happens when the loss or the gradients are not finite.
 *
 * @param maxConsecutiveSkips the consecutive skipped steps tolerated before rolling back to the last checkpoint
 * @param maxRollbacks the roll-backs tolerated in one run before it stops with an error
 */
public record NonFiniteSettings(int maxConsecutiveSkips, int maxRollbacks) {

    static NonFiniteSettings read(SettingsReader reader) {
        return new NonFiniteSettings(reader.integer("max-consecutive-skips", 1), reader.integer("max-rollbacks", 0));
    }
}
