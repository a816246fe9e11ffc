package org.stml.model.data.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.stml.model.data.RgbImage;

/** Test fixtures: encoded images written with ImageIO, and images with known pixels. */
final class TestImages {

    private TestImages() {}

    /** An image whose pixel (x, y) is (x·40 mod 256, y·40 mod 256, 7). */
    static RgbImage coordinates(int width, int height) {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = (y * width + x) * 3;
                pixels[p] = (byte) (x * 40);
                pixels[p + 1] = (byte) (y * 40);
                pixels[p + 2] = 7;
            }
        }
        return new RgbImage(width, height, pixels);
    }

    /** A smooth colourful TYPE_INT_RGB image. */
    static BufferedImage smoothRgb(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 128);
            }
        }
        return image;
    }

    /** Encodes an image with ImageIO. */
    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Encodes 4-channel data as an Adobe JPEG: the JDK writer stores a 4-band raster as it is, and an APP14 "Adobe"
     * segment after SOI declares the colour transform. Adobe stores CMYK inverted; YCCK holds Y, Cb, Cr computed from
     * (C, M, Y) and the inverted K.
     *
     * @param cmyk per pixel, row-major, C M Y K in 0–255 (0 = no ink)
     * @param ycck true for transform 2 (YCCK), false for transform 0 (CMYK)
     */
    static byte[] adobeJpeg(int width, int height, int[][] cmyk, boolean ycck) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int i = 0; i < width * height; i++) {
            int[] ink = cmyk[i];
            int[] stored = ycck ? toYcck(ink) : new int[] {255 - ink[0], 255 - ink[1], 255 - ink[2], 255 - ink[3]};
            raster.setPixel(i % width, i / width, stored);
        }
        byte[] plain = writeRaster(raster);
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0,
            (byte) (ycck ? 2 : 0)};
        byte[] bytes = new byte[plain.length + app14.length];
        System.arraycopy(plain, 0, bytes, 0, 2);
        System.arraycopy(app14, 0, bytes, 2, app14.length);
        System.arraycopy(plain, 2, bytes, 2 + app14.length, plain.length - 2);
        return bytes;
    }

    private static int[] toYcck(int[] ink) {
        double r = ink[0];
        double g = ink[1];
        double b = ink[2];
        double y = 0.299 * r + 0.587 * g + 0.114 * b;
        double cb = -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
        double cr = 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
        return new int[] {clamp(y), clamp(cb), clamp(cr), 255 - ink[3]};
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }

    private static byte[] writeRaster(Raster raster) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
