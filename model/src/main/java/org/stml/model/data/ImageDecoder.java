package org.stml.model.data;

import java.io.IOException;

/** Turns encoded image bytes (JPEG, PNG, …) into an {@link RgbImage}. Implementations are thread-safe. */
@FunctionalInterface
public interface ImageDecoder {

    /**
     * Decodes one image.
     *
     * @param bytes the encoded file content
     * @param location where the bytes came from, for the error message
     * @return the decoded image
     * @throws IOException if the bytes are empty, truncated, corrupt or of an unsupported format; the message names
     *     the location
     */
    RgbImage decode(byte[] bytes, String location) throws IOException;
}
