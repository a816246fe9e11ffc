package org.stml.model.data.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.ImageRecord;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * Cars196: {@code root/cars_annos.mat} (MATLAB v5) and the images it names, such as {@code root/car_ims/000001.jpg}.
 *
 * <p>The struct array {@code annotations} gives per image {@code relative_im_path} (relative to the root) and
 * {@code class} (1–196, any numeric type); its bounding boxes and {@code test} flag are not used in this protocol.
 * Label = class − 1; classes 1–98 (labels 0–97) train and 99–196 (labels 98–195) are held out, keeping the global
 * labels. Records are in annotation order. Every named image must exist.
 */
public final class CarsLayout implements DatasetLayout {

    /** The layout name. */
    public static final String NAME = "cars";

    /** The annotation file name in the root. */
    public static final String ANNOTATIONS_FILE = "cars_annos.mat";

    /** Training images of the published dataset (classes 1–98). */
    public static final int TRAIN_IMAGES = 8_054;

    /** Held-out images of the published dataset (classes 99–196). */
    public static final int TEST_IMAGES = 8_131;

    /** Training classes. */
    public static final int TRAIN_CLASSES = 98;

    /** Held-out classes. */
    public static final int TEST_CLASSES = 98;

    /** The published counts. */
    public static final PublishedCounts PUBLISHED =
            new PublishedCounts("Cars196", TRAIN_IMAGES, TRAIN_CLASSES, TEST_IMAGES, TEST_CLASSES);

    private static final String DATASET = "Cars196";
    private static final String STRUCT = "annotations";
    private static final String PATH_FIELD = "relative_im_path";
    private static final String CLASS_FIELD = "class";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DatasetSplit open(Path root, LayoutOptions options) {
        Path file = LayoutFiles.requireFolder(NAME, root).resolve(ANNOTATIONS_FILE);
        if (!Files.isRegularFile(file)) {
            throw new DatasetLayoutException(NAME + ": expected the annotation file " + file
                    + " (MATLAB v5, with the struct array 'annotations')");
        }
        List<ListedImage> annotations = read(root, file);
        if (annotations.isEmpty()) {
            throw new DatasetLayoutException(NAME + ": " + file + " lists no images");
        }
        LayoutFiles.requireExisting(NAME, file, annotations);
        List<ImageRecord> train = new ArrayList<>();
        List<ImageRecord> test = new ArrayList<>();
        for (ListedImage annotation : annotations) {
            (annotation.label() < TRAIN_CLASSES ? train : test).add(annotation.toRecord());
        }
        requireImages(train, "train", "1-98", file);
        requireImages(test, "test", "99-196", file);
        return new DatasetSplit(new ImageDataset(DATASET + " train", train),
                Optional.of(new ImageDataset(DATASET + " test", test)));
    }

    @Override
    public Optional<PublishedCounts> publishedCounts(LayoutOptions options) {
        return Optional.of(PUBLISHED);
    }

    private static List<ListedImage> read(Path root, Path file) {
        try (Mat5File mat = readMat(file)) {
            Struct annotations = annotationsOf(mat, file);
            List<ListedImage> result = new ArrayList<>();
            for (int i = 0; i < annotations.getNumElements(); i++) {
                int label = classOf(annotations, i, file) - 1;
                result.add(new ListedImage(root.resolve(path(annotations, i, file)), label));
            }
            return result;
        } catch (IOException e) {
            throw LayoutFiles.unreadable(NAME, file, e);
        }
    }

    private static Mat5File readMat(Path file) {
        try {
            return Mat5.readFromFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DatasetLayoutException(NAME + ": cannot read " + file + " as a MATLAB v5 file ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static Struct annotationsOf(MatFile mat, Path file) {
        List<String> names = new ArrayList<>();
        for (MatFile.Entry entry : mat.getEntries()) {
            if (entry.getName().equals(STRUCT) && entry.getValue() instanceof Struct struct) {
                requireField(struct, PATH_FIELD, file);
                requireField(struct, CLASS_FIELD, file);
                return struct;
            }
            names.add(entry.getName());
        }
        throw new DatasetLayoutException(
                NAME + ": expected the struct array '" + STRUCT + "' in " + file + ", found " + names);
    }

    private static void requireField(Struct struct, String field, Path file) {
        if (!struct.getFieldNames().contains(field)) {
            throw new DatasetLayoutException(NAME + ": the '" + STRUCT + "' struct in " + file + " has no field '"
                    + field + "' (fields: " + struct.getFieldNames() + ")");
        }
    }

    private static String path(Struct annotations, int index, Path file) {
        Array value = annotations.get(PATH_FIELD, index);
        if (!(value instanceof Char text) || text.getString().isBlank()) {
            throw malformed(file, index, PATH_FIELD + " is not a non-empty text");
        }
        return text.getString().trim();
    }

    private static int classOf(Struct annotations, int index, Path file) {
        Array value = annotations.get(CLASS_FIELD, index);
        if (!(value instanceof Matrix number) || number.getNumElements() != 1 || number.isComplex()) {
            throw malformed(file, index, CLASS_FIELD + " is not a real number");
        }
        double id = number.getDouble(0);
        if (id != Math.rint(id) || id < 1 || id > TRAIN_CLASSES + TEST_CLASSES) {
            throw malformed(file, index, CLASS_FIELD + " is " + id + ", expected an integer from 1 to 196");
        }
        return (int) id;
    }

    private static DatasetLayoutException malformed(Path file, int index, String problem) {
        return new DatasetLayoutException(
                NAME + ": " + file + ": annotation " + (index + 1) + ": " + problem);
    }

    private static void requireImages(List<ImageRecord> records, String part, String classes, Path file) {
        if (records.isEmpty()) {
            throw new DatasetLayoutException(
                    NAME + ": no " + part + " images (classes " + classes + ") listed in " + file);
        }
    }
}
