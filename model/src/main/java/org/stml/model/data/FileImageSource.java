package org.stml.model.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An image file on disk, read whole and decoded on each load.
 *
 * @param path the file
 */
public record FileImageSource(Path path) implements ImageSource {

    @Override
    public String location() {
        return path.toString();
    }

    @Override
    public RgbImage load(ImageDecoder decoder) throws IOException {
        return decoder.decode(Files.readAllBytes(path), location());
    }
}
