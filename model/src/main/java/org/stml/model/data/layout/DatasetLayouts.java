package org.stml.model.data.layout;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.stml.model.data.DatasetSplit;

/**
 * The entry point: selects a {@link DatasetLayout} by name and opens a dataset with it. Layouts: {@code cub},
 * {@code cars}, {@code sop}, {@code folder}, {@code omniglot}, {@code cifar10}, {@code unlabeled}.
 */
public final class DatasetLayouts {

    private static final Map<String, DatasetLayout> LAYOUTS = Stream
            .of(new CubLayout(), new CarsLayout(), new SopLayout(), new FolderLayout(), new OmniglotLayout(),
                    new Cifar10Layout(), new UnlabeledLayout())
            .collect(Collectors.toMap(DatasetLayout::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));

    private DatasetLayouts() {}

    /**
     * Returns the layout names.
     *
     * @return the names, in a fixed order
     */
    public static List<String> names() {
        return List.copyOf(LAYOUTS.keySet());
    }

    /**
     * Returns a layout by name.
     *
     * @param name the name, case-insensitive
     * @return the layout
     * @throws DatasetLayoutException if no layout has this name; the message lists the known names
     */
    public static DatasetLayout get(String name) {
        DatasetLayout layout = name == null ? null : LAYOUTS.get(name.trim().toLowerCase(Locale.ROOT));
        if (layout == null) {
            throw new DatasetLayoutException(
                    "unknown dataset layout '" + name + "'; known layouts: " + String.join(", ", names()));
        }
        return layout;
    }

    /**
     * Opens a dataset.
     *
     * @param layout the layout name
     * @param root the dataset root
     * @param options the split options
     * @return the training set and the held-out set, if any
     * @throws DatasetLayoutException if the name is unknown, or the root does not have the layout
     */
    public static DatasetSplit open(String layout, Path root, LayoutOptions options) {
        return get(layout).open(root, options);
    }

    /**
     * Opens a dataset with the default options.
     *
     * @param layout the layout name
     * @param root the dataset root
     * @return the training set and the held-out set, if any
     * @throws DatasetLayoutException if the name is unknown, or the root does not have the layout
     */
    public static DatasetSplit open(String layout, Path root) {
        return open(layout, root, LayoutOptions.defaults());
    }

    /**
     * Compares a loaded split with the published counts of the layout's dataset, to notice a broken download.
     *
     * @param layout the layout name
     * @param split the split it loaded
     * @param options the options it was loaded with
     * @return a one-line warning when the counts differ; empty when they match or the layout has no published counts
     */
    public static Optional<String> verifyPublishedCounts(String layout, DatasetSplit split, LayoutOptions options) {
        return get(layout).publishedCounts(options).flatMap(counts -> counts.check(split));
    }
}
