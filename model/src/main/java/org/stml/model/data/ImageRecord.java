package org.stml.model.data;

/**
 * One image of a dataset and its class label. Labels are for evaluation only; training never reads them.
 *
 * @param source where the image comes from
 * @param label the class, from 0, or {@link #UNLABELED}
 */
public record ImageRecord(ImageSource source, int label) {

    /** The label of an image whose class is unknown. */
    public static final int UNLABELED = -1;

    /** Checks the label. */
    public ImageRecord {
        if (label < UNLABELED) {
            throw new IllegalArgumentException("label must be >= 0 or UNLABELED, got " + label + " for "
                    + source.location());
        }
    }

    /**
     * Tells whether the record has a class label.
     *
     * @return true when labelled
     */
    public boolean isLabelled() {
        return label != UNLABELED;
    }
}
