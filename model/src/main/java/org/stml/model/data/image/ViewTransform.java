package org.stml.model.data.image;

import java.util.Random;
import org.stml.model.data.RgbImage;

/**
 * Turns a decoded image into one square view, 3 × S × S 8-bit values, channel-major, in the channel order of its
 * {@link #normalization()} (see {@link Normalization#writeChw}); the device turns them into the network input
 * ({@link HostBatch#toNetworkInput}). A random transform draws only from the {@link Random} it is given, so the same
 * draws give the same view. Implementations are immutable and thread-safe.
 */
public interface ViewTransform {

    /**
     * Returns the side S of the output.
     *
     * @return the output size in pixels
     */
    int size();

    /**
     * Returns the normalisation the views are laid out for and that the device applies to them.
     *
     * @return the mapping to network input
     */
    Normalization normalization();

    /**
     * Writes one view of an image.
     *
     * @param image the decoded image
     * @param random the source of this view's random draws
     * @param destination the array written to, uint8 values
     * @param offset the index of the first of the 3·S·S bytes written
     */
    void apply(RgbImage image, Random random, byte[] destination, int offset);

    /**
     * Returns one view of an image in a new array.
     *
     * @param image the decoded image
     * @param random the source of this view's random draws
     * @return 3·S·S uint8 values
     */
    default byte[] apply(RgbImage image, Random random) {
        byte[] view = new byte[3 * size() * size()];
        apply(image, random, view, 0);
        return view;
    }
}
