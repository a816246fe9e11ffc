package org.stml.model.data;

import java.util.List;
import java.util.Locale;

/**
 * An ordered list of images; the position of a record is its dataset index (the index the STML same-image boost and
 * the nearest-neighbour sampler use). Immutable.
 */
public final class ImageDataset {

    private final String name;
    private final List<ImageRecord> records;
    private final int classes;

    /**
     * Creates a dataset.
     *
     * @param name a short name for messages, such as {@code CUB-200-2011 train}
     * @param records the images in dataset-index order; copied
     */
    public ImageDataset(String name, List<ImageRecord> records) {
        this.name = name;
        this.records = List.copyOf(records);
        this.classes = (int) this.records.stream().filter(ImageRecord::isLabelled).mapToInt(ImageRecord::label)
                .distinct().count();
    }

    /**
     * Returns the name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the records, in dataset-index order.
     *
     * @return an unmodifiable list
     */
    public List<ImageRecord> records() {
        return records;
    }

    /**
     * Returns one record.
     *
     * @param index the dataset index
     * @return the record
     */
    public ImageRecord get(int index) {
        return records.get(index);
    }

    /**
     * Returns the number of images.
     *
     * @return the size
     */
    public int size() {
        return records.size();
    }

    /**
     * Returns the number of distinct labels (0 when unlabelled).
     *
     * @return the class count
     */
    public int classCount() {
        return classes;
    }

    /**
     * Returns the labels in dataset-index order ({@link ImageRecord#UNLABELED} where unknown).
     *
     * @return a new array
     */
    public int[] labels() {
        return records.stream().mapToInt(ImageRecord::label).toArray();
    }

    /**
     * Describes the dataset in one line, as printed on load.
     *
     * @return for example {@code CUB-200-2011 train: 5,864 images, 100 classes}
     */
    public String summary() {
        String classPart = classes == 0 ? "unlabelled" : String.format(Locale.ROOT, "%,d classes", classes);
        return String.format(Locale.ROOT, "%s: %,d images, %s", name, records.size(), classPart);
    }
}
