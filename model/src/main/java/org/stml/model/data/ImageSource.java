package org.stml.model.data;

import java.io.IOException;

/** Where one image comes from: a file, an archive entry held in memory, or a generator. */
public interface ImageSource {

    /**
     * Returns a stable, human-readable location for messages and reports: a path, {@code archive.zip!/entry},
     * or {@code synthetic:class/instance}.
     *
     * @return the location
     */
    String location();

    /**
     * Loads the image.
     *
     * @param decoder the decoder for encoded sources (generated sources ignore it)
     * @return the pixels
     * @throws IOException if the image cannot be read or decoded; the message names {@link #location()}
     */
    RgbImage load(ImageDecoder decoder) throws IOException;
}
