package org.stml.model.data.layout;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.stml.model.data.DatasetSplit;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.ImageRecord;

/**
 * Any folder of images for label-free training: every image file under the root, recursively, labelled
 * {@link ImageRecord#UNLABELED}, with no held-out set. Hidden files and folders and files other than
 * {@code .jpg .jpeg .png .bmp .gif} (any case) are skipped. Records are in relative-path order.
 */
public final class UnlabeledLayout implements DatasetLayout {

    /** The layout name. */
    public static final String NAME = "unlabeled";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DatasetSplit open(Path root, LayoutOptions options) {
        Path folder = LayoutFiles.requireFolder(NAME, root);
        List<Path> images = LayoutFiles.images(NAME, folder, true);
        if (images.isEmpty()) {
            throw new DatasetLayoutException(
                    NAME + ": no image files (" + LayoutFiles.EXTENSIONS_TEXT + ") under " + folder);
        }
        ImageDataset train = new ImageDataset(LayoutFiles.displayName(folder),
                LayoutFiles.records(images, ImageRecord.UNLABELED));
        return new DatasetSplit(train, Optional.empty());
    }
}
