package org.stml.model.data.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.ImageDataset;

/**
 * Stanford Online Products: {@code root/Ebay_train.txt} and {@code root/Ebay_test.txt}, where the root is the
 * {@code Stanford_Online_Products} folder or its parent.
 *
 * <p>Each list starts with the header {@code image_id class_id super_class_id path}, then one space-separated line per
 * image with {@code path} relative to the root. Label = class_id − 1 (the test classes keep their global labels).
 * Records are in list order; blank lines are skipped. Every listed image must exist.
 */
public final class SopLayout implements DatasetLayout {

    /** The layout name. */
    public static final String NAME = "sop";

    /** The training list file name. */
    public static final String TRAIN_LIST = "Ebay_train.txt";

    /** The held-out list file name. */
    public static final String TEST_LIST = "Ebay_test.txt";

    /** The header line of both lists. */
    public static final String HEADER = "image_id class_id super_class_id path";

    /** Training images of the published dataset. */
    public static final int TRAIN_IMAGES = 59_551;

    /** Held-out images of the published dataset. */
    public static final int TEST_IMAGES = 60_502;

    /** Training classes. */
    public static final int TRAIN_CLASSES = 11_318;

    /** Held-out classes. */
    public static final int TEST_CLASSES = 11_316;

    /** The published counts. */
    public static final PublishedCounts PUBLISHED =
            new PublishedCounts("Stanford Online Products", TRAIN_IMAGES, TRAIN_CLASSES, TEST_IMAGES, TEST_CLASSES);

    private static final String DATASET = "Stanford Online Products";
    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final Pattern LINE = Pattern.compile("(\\d{1,9})\\s+(\\d{1,9})\\s+(\\d{1,9})\\s+(\\S.*)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DatasetSplit open(Path root, LayoutOptions options) {
        Path base = LayoutFiles.locate(NAME, root, TRAIN_LIST, "Stanford_Online_Products");
        if (base == null) {
            throw new DatasetLayoutException(NAME + ": expected the list files " + root.resolve(TRAIN_LIST) + " and "
                    + TEST_LIST + " (or both under " + root.resolve("Stanford_Online_Products") + ")");
        }
        ImageDataset train = readList(base, TRAIN_LIST, "train");
        ImageDataset test = readList(base, TEST_LIST, "test");
        return new DatasetSplit(train, Optional.of(test));
    }

    @Override
    public Optional<PublishedCounts> publishedCounts(LayoutOptions options) {
        return Optional.of(PUBLISHED);
    }

    private static ImageDataset readList(Path base, String listName, String part) {
        Path list = base.resolve(listName);
        if (!Files.isRegularFile(list)) {
            throw new DatasetLayoutException(NAME + ": expected the list file " + list);
        }
        List<String> lines = readLines(list);
        requireHeader(list, lines);
        List<ListedImage> images = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                images.add(parse(base, list, i + 1, lines.get(i)));
            }
        }
        if (images.isEmpty()) {
            throw new DatasetLayoutException(NAME + ": " + list + " lists no images after its header");
        }
        LayoutFiles.requireExisting(NAME, list, images);
        return new ImageDataset(DATASET + " " + part,
                images.stream().map(ListedImage::toRecord).collect(Collectors.toList()));
    }

    private static List<String> readLines(Path list) {
        try {
            return Files.readAllLines(list, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw LayoutFiles.unreadable(NAME, list, e);
        }
    }

    private static void requireHeader(Path list, List<String> lines) {
        String first = lines.isEmpty() ? "" : lines.get(0).replace(BYTE_ORDER_MARK, "").trim();
        if (!String.join(" ", first.split("\\s+")).equals(HEADER)) {
            throw new DatasetLayoutException(
                    NAME + ": " + list + ":1: expected the header '" + HEADER + "', got '" + first + "'");
        }
    }

    private static ListedImage parse(Path base, Path list, int lineNumber, String line) {
        Matcher fields = LINE.matcher(line.trim());
        if (fields.matches() && Integer.parseInt(fields.group(2)) >= 1) {
            return new ListedImage(base.resolve(fields.group(4)), Integer.parseInt(fields.group(2)) - 1);
        }
        throw new DatasetLayoutException(NAME + ": " + list + ":" + lineNumber + ": expected '" + HEADER
                + "' with integer ids and class_id >= 1, got '" + line.trim() + "'");
    }
}
