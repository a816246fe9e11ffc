package org.stml.actors.config;

import org.stml.model.data.layout.OmniglotSplit;

/**
 * {@code stml.data.split}: which classes train and which are held out, for the folder, cifar10 and omniglot layouts.
 *
 * @param trainClasses the number of training classes; 0 to use {@code trainFraction}
 * @param trainFraction the fraction of the classes that train, in (0, 1]
 * @param omniglot how Omniglot characters are split
 * @param heldOutFromTrainFolder whether CIFAR-10's held-out classes come from its train folder
 */
public record SplitSettings(int trainClasses, double trainFraction, OmniglotSplit omniglot,
        boolean heldOutFromTrainFolder) {

    static SplitSettings read(SettingsReader reader) {
        return new SplitSettings(reader.integer("train-classes", 0),
                reader.number("train-fraction", v -> v > 0 && v <= 1, "in (0, 1]"),
                reader.choice("omniglot", OmniglotSplit.class), reader.bool("held-out-from-train-folder"));
    }
}
