package org.stml.model.data.image;

import java.util.Random;
import org.stml.model.data.RgbImage;

/**
 * Turns a decoded image into one normalised square network input, 3 × S × S floats, channel-major. A random transform
 * draws only from the {@link Random} it is given, so the same draws give the same view. Implementations are immutable
 * and thread-safe.
 */
public interface ViewTransform {

    /**
     * Returns the side S of the output.
     *
     * @return the output size in pixels
     */
    int size();

    /**
     * Writes one view of an image.
     *
     * @param image the decoded image
     * @param random the source of this view's random draws
     * @param destination the array written to
     * @param offset the index of the first of the 3·S·S floats written
     */
    void apply(RgbImage image, Random random, float[] destination, int offset);

    /**
     * Returns one view of an image in a new array.
     *
     * @param image the decoded image
     * @param random the source of this view's random draws
     * @return 3·S·S floats
     */
    default float[] apply(RgbImage image, Random random) {
        float[] view = new float[3 * size() * size()];
        apply(image, random, view, 0);
        return view;
    }
}
