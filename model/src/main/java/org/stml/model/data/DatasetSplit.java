package org.stml.model.data;

import java.util.Optional;

/**
 * A training set and an optional class-disjoint held-out set for evaluation.
 *
 * @param train the images trained on (their labels are never used for training)
 * @param test the held-out images with labels, empty for an unlabelled source
 */
public record DatasetSplit(ImageDataset train, Optional<ImageDataset> test) {

    /**
     * Describes the split in one line per part, as printed on load.
     *
     * @return the summary
     */
    public String summary() {
        return train.summary() + test.map(t -> System.lineSeparator() + t.summary()).orElse("");
    }
}
