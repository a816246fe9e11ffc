package org.stml.model.data.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stml.model.data.ImageDecoder;
import org.stml.model.data.RgbImage;

/**
 * Decodes JPEG, PNG, BMP and GIF with ImageIO and the TwelveMonkeys JPEG plugin, which gives CMYK and YCCK JPEGs
 * their correct colours (plain ImageIO does not). Thread-safe: every call uses its own reader.
 *
 * <p>The pixels follow PIL's {@code Image.open(path).convert("RGB")}, which the reference uses: alpha is dropped
 * (not composited), grey and palette images become RGB, 16-bit samples keep their high byte, embedded colour
 * profiles of RGB images are not applied, and a GIF gives its first frame. See {@link RasterPixels}.
 *
 * <p>An empty, truncated, corrupt, oversized or unrecognised file is refused with an {@link IOException} whose
 * one-line message starts with the location and says why. A truncated JPEG is detected through the reader's warnings
 * (ImageIO otherwise returns the partial image); other reader warnings, such as extraneous bytes before a marker,
 * are logged at debug level and the image is kept, as PIL keeps it.
 */
public final class DefaultImageDecoder implements ImageDecoder {

    /** The most pixels an image may have: its RGB bytes must fit one Java array. */
    public static final long MAX_PIXELS = (Integer.MAX_VALUE - 8) / 3;

    private static final Logger LOG = LoggerFactory.getLogger(DefaultImageDecoder.class);

    /** Creates a decoder. */
    public DefaultImageDecoder() {
        // stateless: ImageIO registers the TwelveMonkeys plugin from the class path
    }

    @Override
    public RgbImage decode(byte[] bytes, String location) throws IOException {
        if (bytes.length == 0) {
            throw new IOException(location + ": empty file (0 bytes)");
        }
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new IOException(location + ": not a recognised image format (" + bytes.length + " bytes)");
            }
            ImageReader reader = readers.next();
            try {
                return RasterPixels.toRgb(readFirstImage(reader, input, location));
            } finally {
                reader.dispose();
            }
        }
    }

    private static BufferedImage readFirstImage(ImageReader reader, ImageInputStream input, String location)
            throws IOException {
        String format = reader.getFormatName().toUpperCase(Locale.ROOT);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        reader.setInput(input, true, true);
        long pixels = (long) attempt(() -> reader.getWidth(0), format, location) * attempt(() -> reader.getHeight(0),
                format, location);
        if (pixels > MAX_PIXELS) {
            throw new IOException(location + ": " + format + " image too large (" + pixels + " pixels)");
        }
        BufferedImage image = attempt(() -> reader.read(0), format, location);
        for (String warning : warnings) {
            if (isTruncation(warning)) {
                throw new IOException(location + ": truncated " + format + " (" + oneLine(warning) + ")");
            }
            LOG.debug("{}: {} reader warning, image kept: {}", location, format, warning);
        }
        return image;
    }

    private static boolean isTruncation(String warning) {
        String text = warning.toLowerCase(Locale.ROOT);
        return text.contains("truncated") || text.contains("premature end");
    }

    private static <T> T attempt(ReaderCall<T> call, String format, String location) throws IOException {
        try {
            return call.run();
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
            throw new IOException(location + ": corrupt " + format + " (" + reason + ")", e);
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    /** One call into an ImageIO reader. */
    @FunctionalInterface
    private interface ReaderCall<T> {
        T run() throws IOException;
    }
}
