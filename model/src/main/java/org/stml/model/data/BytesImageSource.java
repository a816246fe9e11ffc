package org.stml.model.data;

import java.io.IOException;

/**
 * Encoded image bytes held in memory, for example an entry read once from a zip archive.
 *
 * @param location where the bytes came from, such as {@code images_background_small1.zip!/Greek/character01/0394_01.png}
 * @param bytes the encoded content; not copied, never modified
 */
public record BytesImageSource(String location, byte[] bytes) implements ImageSource {

    @Override
    public RgbImage load(ImageDecoder decoder) throws IOException {
        return decoder.decode(bytes, location);
    }
}
