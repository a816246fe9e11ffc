package org.stml.model.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The built-in dataset that needs no files: {@link SyntheticShapes} classes split class-disjointly into a training
 * part (labels unused in training) and a held-out part for evaluation. Deterministic by seed.
 */
public final class SyntheticDataset {

    private SyntheticDataset() {}

    /**
     * Builds the split: classes {@code 0 .. trainClasses−1} for training, the next {@code testClasses} held out.
     *
     * @param shapes the generator (image size and seed)
     * @param trainClasses classes in the training part
     * @param testClasses classes in the held-out part
     * @param instancesPerClass images per class
     * @return the split
     */
    public static DatasetSplit split(SyntheticShapes shapes, int trainClasses, int testClasses, int instancesPerClass) {
        if (trainClasses < 1 || testClasses < 0 || instancesPerClass < 1) {
            throw new IllegalArgumentException("synthetic data needs train classes >= 1, test classes >= 0 and "
                    + "instances >= 1, got " + trainClasses + ", " + testClasses + ", " + instancesPerClass);
        }
        ImageDataset train = part("synthetic train", shapes, 0, trainClasses, instancesPerClass);
        Optional<ImageDataset> test = testClasses == 0 ? Optional.empty()
                : Optional.of(part("synthetic test", shapes, trainClasses, testClasses, instancesPerClass));
        return new DatasetSplit(train, test);
    }

    private static ImageDataset part(String name, SyntheticShapes shapes, int firstClass, int classes,
            int instancesPerClass) {
        List<ImageRecord> records = new ArrayList<>(classes * instancesPerClass);
        for (int c = firstClass; c < firstClass + classes; c++) {
            for (int i = 0; i < instancesPerClass; i++) {
                records.add(new ImageRecord(new SyntheticImageSource(shapes, c, i), c));
            }
        }
        return new ImageDataset(name, records);
    }
}
