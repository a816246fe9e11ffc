package org.stml.model.data.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.ImageRecord;

/**
 * CIFAR-10 as JPEG folders: {@code root/train/<class>/*.jpg} and {@code root/test/<class>/*.jpg}, where the root is
 * the {@code cifar10} folder or its parent.
 *
 * <p>Classes are the class folders of {@code train} in sorted order, which is the canonical label order (0 airplane …
 * 9 truck). Metric-learning split: the first {@link LayoutOptions#trainClassCount} classes (default 5: airplane …
 * deer) train, from the train folder; the other classes (dog … truck) are held out, from the test folder, or from
 * the train folder with {@link LayoutOptions#heldOutFromTrainFolder()}. Labels are kept. Hidden and non-image files
 * are skipped. Records are in class order, then file-name order.
 */
public final class Cifar10Layout implements DatasetLayout {

    /** The layout name. */
    public static final String NAME = "cifar10";

    /** Classes of the published dataset. */
    public static final int CLASSES = 10;

    /** Images per class in the train folder. */
    public static final int TRAIN_FOLDER_IMAGES_PER_CLASS = 5_000;

    /** Images per class in the test folder. */
    public static final int TEST_FOLDER_IMAGES_PER_CLASS = 1_000;

    /** Training images under the default split (classes 0–4 of the train folder). */
    public static final int TRAIN_IMAGES = 25_000;

    /** Held-out images under the default split (classes 5–9 of the test folder). */
    public static final int TEST_IMAGES = 5_000;

    private static final String DATASET = "CIFAR-10";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DatasetSplit open(Path root, LayoutOptions options) {
        Path base = LayoutFiles.locate(NAME, root, "train", "cifar10");
        if (base == null) {
            throw new DatasetLayoutException(NAME + ": expected the folders " + root.resolve("train") + " and "
                    + root.resolve("test") + " (or both under " + root.resolve("cifar10")
                    + ") with one folder per class, airplane ... truck");
        }
        Path trainFolder = base.resolve("train");
        List<String> classes = classNames(trainFolder);
        int trainCount = LayoutFiles.trainClassCount(NAME, options, classes.size(), trainFolder);
        Path heldOutFolder = options.heldOutFromTrainFolder() ? trainFolder : base.resolve("test");
        List<ImageRecord> train = records(trainFolder, classes, 0, trainCount);
        if (trainCount == classes.size()) {
            return new DatasetSplit(new ImageDataset(DATASET + " train", train), Optional.empty());
        }
        requireSameClasses(heldOutFolder, classes, trainFolder);
        List<ImageRecord> test = records(heldOutFolder, classes, trainCount, classes.size());
        return new DatasetSplit(new ImageDataset(DATASET + " train", train),
                Optional.of(new ImageDataset(DATASET + " test", test)));
    }

    @Override
    public Optional<PublishedCounts> publishedCounts(LayoutOptions options) {
        int trainClasses = options.trainClassCount(CLASSES);
        if (trainClasses > CLASSES) {
            return Optional.empty();
        }
        int heldOutPerClass =
                options.heldOutFromTrainFolder() ? TRAIN_FOLDER_IMAGES_PER_CLASS : TEST_FOLDER_IMAGES_PER_CLASS;
        int testClasses = CLASSES - trainClasses;
        return Optional.of(new PublishedCounts(DATASET, trainClasses * TRAIN_FOLDER_IMAGES_PER_CLASS, trainClasses,
                testClasses * heldOutPerClass, testClasses));
    }

    private static List<String> classNames(Path folder) {
        List<String> names = LayoutFiles.subfolders(NAME, folder).stream().map(path -> path.getFileName().toString())
                .collect(Collectors.toList());
        if (names.isEmpty()) {
            throw new DatasetLayoutException(
                    NAME + ": expected one folder per class (airplane ... truck) under " + folder);
        }
        return names;
    }

    private static void requireSameClasses(Path folder, List<String> classes, Path trainFolder) {
        if (!Files.isDirectory(folder)) {
            throw new DatasetLayoutException(NAME + ": expected the held-out folder " + folder
                    + " with one folder per class, as in " + trainFolder);
        }
        List<String> found = classNames(folder);
        if (!found.equals(classes)) {
            throw new DatasetLayoutException(NAME + ": the class folders of " + folder + " " + found
                    + " differ from those of " + trainFolder + " " + classes);
        }
    }

    private static List<ImageRecord> records(Path folder, List<String> classes, int from, int to) {
        List<ImageRecord> records = new ArrayList<>();
        for (int label = from; label < to; label++) {
            Path classFolder = folder.resolve(classes.get(label));
            records.addAll(LayoutFiles.records(LayoutFiles.images(NAME, classFolder, false), label));
        }
        if (records.isEmpty()) {
            throw new DatasetLayoutException(NAME + ": no images (" + LayoutFiles.EXTENSIONS_TEXT + ") in the class "
                    + "folders " + classes.subList(from, to) + " under " + folder);
        }
        return records;
    }
}
