package org.stml.model.data.layout;

import java.nio.file.Path;
import java.util.Optional;
import org.stml.model.data.DatasetSplit;

/**
 * A reader of one on-disk dataset layout. It lists the image files (or archive entries) and their labels, checks the
 * layout, and never decodes an image.
 */
public interface DatasetLayout {

    /**
     * Returns the name by which {@link DatasetLayouts} selects the layout.
     *
     * @return a lower-case name such as {@code cub}
     */
    String name();

    /**
     * Lists the dataset, in a deterministic order.
     *
     * @param root the dataset root
     * @param options the split options
     * @return the training set and the held-out set, if any
     * @throws DatasetLayoutException if the root does not have the layout, or the dataset is empty
     */
    DatasetSplit open(Path root, LayoutOptions options);

    /**
     * Returns the counts of the published dataset under these options, for {@link PublishedCounts#check}.
     *
     * @param options the split options
     * @return the counts, or empty for a layout of arbitrary folders
     */
    default Optional<PublishedCounts> publishedCounts(LayoutOptions options) {
        return Optional.empty();
    }
}
