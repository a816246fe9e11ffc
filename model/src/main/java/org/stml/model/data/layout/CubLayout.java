package org.stml.model.data.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.ImageRecord;

/**
 * CUB-200-2011: {@code root/images/NNN.Class_Name/*.jpg}, where the root is the {@code CUB_200_2011} folder or its
 * parent.
 *
 * <p>The split and the labels follow the class number {@code NNN} of each folder, not the number of folders found:
 * label = NNN − 1; folders 001–100 (labels 0–99) train and 101–200 (labels 100–199) are held out, both keeping these
 * global labels. On the complete dataset NNN − 1 is also the folder's position in sorted order, the reference's
 * label. Hidden files (including {@code ._} resource forks) and non-image files are skipped; the official
 * {@code train_test_split.txt} is not used. Records are in folder order, then file-name order.
 */
public final class CubLayout implements DatasetLayout {

    /** The layout name. */
    public static final String NAME = "cub";

    /** Training images of the published dataset (classes 1–100). */
    public static final int TRAIN_IMAGES = 5_864;

    /** Held-out images of the published dataset (classes 101–200). */
    public static final int TEST_IMAGES = 5_924;

    /** Training classes. */
    public static final int TRAIN_CLASSES = 100;

    /** Held-out classes. */
    public static final int TEST_CLASSES = 100;

    /** The published counts. */
    public static final PublishedCounts PUBLISHED =
            new PublishedCounts("CUB-200-2011", TRAIN_IMAGES, TRAIN_CLASSES, TEST_IMAGES, TEST_CLASSES);

    private static final String DATASET = "CUB-200-2011";
    private static final String EXAMPLE = "001.Black_footed_Albatross";
    private static final Pattern CLASS_FOLDER = Pattern.compile("(\\d{3})\\..+");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DatasetSplit open(Path root, LayoutOptions options) {
        Path images = imagesFolder(root);
        List<ImageRecord> train = new ArrayList<>();
        List<ImageRecord> test = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        for (Path folder : LayoutFiles.subfolders(NAME, images)) {
            int number = classNumber(folder);
            if (!numbers.add(number)) {
                throw new DatasetLayoutException(
                        NAME + ": two class folders have the number " + folder.getFileName().toString().substring(0, 3)
                                + " under " + images);
            }
            List<ImageRecord> part = number <= TRAIN_CLASSES ? train : test;
            part.addAll(LayoutFiles.records(LayoutFiles.images(NAME, folder, false), number - 1));
        }
        if (numbers.isEmpty()) {
            throw new DatasetLayoutException(NAME + ": expected class folders like " + EXAMPLE + " under " + images);
        }
        requireImages(train, "train", "001-100", images);
        requireImages(test, "test", "101-200", images);
        return new DatasetSplit(new ImageDataset(DATASET + " train", train),
                Optional.of(new ImageDataset(DATASET + " test", test)));
    }

    @Override
    public Optional<PublishedCounts> publishedCounts(LayoutOptions options) {
        return Optional.of(PUBLISHED);
    }

    private static Path imagesFolder(Path root) {
        Path base = LayoutFiles.locate(NAME, root, "images", "CUB_200_2011");
        if (base == null || !Files.isDirectory(base.resolve("images"))) {
            throw new DatasetLayoutException(NAME + ": expected the folder " + root.resolve("images") + " (or "
                    + root.resolve("CUB_200_2011").resolve("images") + ") with class folders like " + EXAMPLE);
        }
        return base.resolve("images");
    }

    private static int classNumber(Path folder) {
        Matcher matcher = CLASS_FOLDER.matcher(folder.getFileName().toString());
        int number = matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
        if (number < 1 || number > TRAIN_CLASSES + TEST_CLASSES) {
            throw new DatasetLayoutException(NAME + ": expected class folders named 001.Name to 200.Name like "
                    + EXAMPLE + ", found " + folder);
        }
        return number;
    }

    private static void requireImages(List<ImageRecord> records, String part, String folders, Path images) {
        if (records.isEmpty()) {
            throw new DatasetLayoutException(NAME + ": no " + part + " images (class folders " + folders + ", files "
                    + LayoutFiles.EXTENSIONS_TEXT + ") under " + images);
        }
    }
}
