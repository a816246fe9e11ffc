package org.stml.model.data.layout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.ImageRecord;

/**
 * A generic class-per-folder dataset: {@code root/<class>/<images>}, the images found recursively in each class
 * folder.
 *
 * <p>Classes are the visible sub-folders of the root in sorted name order; the label is the position in that order.
 * The first {@link LayoutOptions#trainClassCount} classes train, the rest are held out (keeping their labels); with
 * every class training there is no held-out set. Hidden files and folders (including {@code ._} resource forks) and
 * files other than {@code .jpg .jpeg .png .bmp .gif} (any case) are skipped, as are files directly in the root.
 * Records are in class order, then relative-path order.
 */
public final class FolderLayout implements DatasetLayout {

    /** The layout name. */
    public static final String NAME = "folder";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DatasetSplit open(Path root, LayoutOptions options) {
        Path folder = LayoutFiles.requireFolder(NAME, root);
        List<Path> classes = LayoutFiles.subfolders(NAME, folder);
        if (classes.isEmpty()) {
            throw new DatasetLayoutException(NAME + ": expected one folder per class (images inside) under " + folder
                    + ", found none; for a folder of unlabelled images use the layout '" + UnlabeledLayout.NAME
                    + "'");
        }
        int trainCount = LayoutFiles.trainClassCount(NAME, options, classes.size(), folder);
        List<ImageRecord> train = new ArrayList<>();
        List<ImageRecord> test = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            List<Path> images = LayoutFiles.images(NAME, classes.get(label), true);
            (label < trainCount ? train : test).addAll(LayoutFiles.records(images, label));
        }
        String name = LayoutFiles.displayName(folder);
        requireImages(train, "the first " + trainCount, folder);
        if (trainCount == classes.size()) {
            return new DatasetSplit(new ImageDataset(name + " train", train), Optional.empty());
        }
        requireImages(test, "the last " + (classes.size() - trainCount), folder);
        return new DatasetSplit(new ImageDataset(name + " train", train),
                Optional.of(new ImageDataset(name + " test", test)));
    }

    private static void requireImages(List<ImageRecord> records, String which, Path folder) {
        if (records.isEmpty()) {
            throw new DatasetLayoutException(NAME + ": no images (" + LayoutFiles.EXTENSIONS_TEXT + ") in " + which
                    + " class folders under " + folder);
        }
    }
}
