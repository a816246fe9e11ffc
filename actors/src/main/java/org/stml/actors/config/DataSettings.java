package org.stml.actors.config;

import java.util.ArrayList;
import java.util.List;
import org.stml.model.data.image.Normalization;
import org.stml.model.data.layout.DatasetLayouts;

/**
 * {@code stml.data}: the dataset and how its images become network input.
 *
 * @param layout the dataset layout: {@value #SYNTHETIC} or one of {@link DatasetLayouts#names()}
 * @param path the dataset root; empty for the synthetic layout
 * @param trainSize the side of the training views in pixels
 * @param evalResize the shorter side after the evaluation resize, in pixels
 * @param evalCrop the side of the evaluation centre crop, in pixels
 * @param samplerSize the side of the squashed images of the neighbour rebuild, in pixels
 * @param normalization the pixel-to-input mapping
 * @param loaderThreads the image loader threads; 0 for one per available core
 * @param augment the training-view augmentation
 * @param split the class split of the folder-based layouts
 * @param synthetic the synthetic generator
 */
public record DataSettings(String layout, String path, int trainSize, int evalResize, int evalCrop, int samplerSize,
        Normalization normalization, int loaderThreads, AugmentSettings augment, SplitSettings split,
        SyntheticSettings synthetic) {

    /** The name of the built-in generated layout, which reads no files. */
    public static final String SYNTHETIC = "synthetic";

    /**
     * Returns every accepted layout name.
     *
     * @return {@value #SYNTHETIC} followed by the file layouts
     */
    public static List<String> layouts() {
        List<String> names = new ArrayList<>();
        names.add(SYNTHETIC);
        names.addAll(DatasetLayouts.names());
        return List.copyOf(names);
    }

    /**
     * Returns whether the data is the built-in synthetic set.
     *
     * @return true for the {@value #SYNTHETIC} layout
     */
    public boolean isSynthetic() {
        return SYNTHETIC.equals(layout);
    }

    /**
     * Returns the number of loader threads to start.
     *
     * @return {@link #loaderThreads()}, or the available processors when it is 0
     */
    public int effectiveLoaderThreads() {
        return loaderThreads == 0 ? Runtime.getRuntime().availableProcessors() : loaderThreads;
    }

    static DataSettings read(SettingsReader reader) {
        DataSettings data = new DataSettings(reader.choice("layout", layouts()), reader.text("path"),
                reader.integer("train-size", 1), reader.integer("eval-resize", 1), reader.integer("eval-crop", 1),
                reader.integer("sampler-size", 1), reader.choice("normalization", Normalization.class),
                reader.integer("loader-threads", 0), AugmentSettings.read(reader.section("augment")),
                SplitSettings.read(reader.section("split")), SyntheticSettings.read(reader.section("synthetic")));
        reader.require(data.evalCrop <= data.evalResize, reader.path("eval-crop"),
                "must be at most " + reader.path("eval-resize") + " (" + data.evalResize + "), got " + data.evalCrop,
                reader.path("eval-crop"), reader.path("eval-resize"));
        reader.require(data.isSynthetic() || !data.path.isBlank(), reader.path("path"),
                "required for layout " + data.layout + " (only " + SYNTHETIC + " reads no files)",
                reader.path("layout"), reader.path("path"));
        return data;
    }
}
