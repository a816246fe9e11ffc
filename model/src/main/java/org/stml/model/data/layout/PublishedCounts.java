package org.stml.model.data.layout;

import java.util.Locale;
import java.util.Optional;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.ImageDataset;

/**
 * The image and class counts of a published dataset under one split, to notice an incomplete or mixed-up download
 * (a known failure: a CUB loader that finds only 3,043 evaluation images instead of 5,924).
 *
 * @param dataset the dataset name for the message, such as {@code CUB-200-2011}
 * @param trainImages the training images
 * @param trainClasses the training classes
 * @param testImages the held-out images, 0 when there is no held-out set
 * @param testClasses the held-out classes, 0 when there is no held-out set
 */
public record PublishedCounts(String dataset, int trainImages, int trainClasses, int testImages, int testClasses) {

    /**
     * Compares a loaded split with the published counts.
     *
     * @param split the loaded split
     * @return empty when all four counts match, otherwise a one-line warning with the loaded and the published counts
     */
    public Optional<String> check(DatasetSplit split) {
        ImageDataset train = split.train();
        int loadedTestImages = split.test().map(ImageDataset::size).orElse(0);
        int loadedTestClasses = split.test().map(ImageDataset::classCount).orElse(0);
        if (train.size() == trainImages && train.classCount() == trainClasses && loadedTestImages == testImages
                && loadedTestClasses == testClasses) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
                "%s: loaded %,d train images in %,d classes and %,d test images in %,d classes, but the published "
                        + "dataset has %,d in %,d and %,d in %,d; the download may be incomplete or mixed with "
                        + "other files",
                dataset, train.size(), train.classCount(), loadedTestImages, loadedTestClasses, trainImages,
                trainClasses, testImages, testClasses));
    }
}
