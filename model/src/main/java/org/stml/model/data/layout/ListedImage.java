package org.stml.model.data.layout;

import java.nio.file.Path;
import org.stml.model.data.FileImageSource;
import org.stml.model.data.ImageRecord;

/**
 * An image named by an annotation or list file, before the check that it exists.
 *
 * @param path the image file
 * @param label the 0-based class label
 */
record ListedImage(Path path, int label) {

    /** Returns the dataset record of the image. */
    ImageRecord toRecord() {
        return new ImageRecord(new FileImageSource(path), label);
    }
}
