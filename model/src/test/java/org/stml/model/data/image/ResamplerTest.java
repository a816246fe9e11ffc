package org.stml.model.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stml.model.data.RgbImage;

class ResamplerTest {

    /** Pillow 12.3 {@code Image.resize(size, Image.BILINEAR)} of {@link #pattern} images. */
    private static final int[] PILLOW_9X7_TO_4X3 = {46, 117, 177, 117, 144, 113, 114, 109, 123, 131, 117, 108, 117,
        170, 108, 118, 142, 113, 111, 135, 124, 126, 151, 147, 155, 129, 81, 120, 135, 149, 133, 127, 110, 111, 130,
        139};
    private static final int[] PILLOW_4X3_TO_6X5 = {0, 71, 142, 7, 78, 149, 20, 91, 162, 45, 116, 187, 85, 156, 99,
        117, 188, 3, 12, 83, 154, 20, 91, 162, 35, 106, 177, 62, 133, 204, 103, 174, 117, 137, 208, 23, 29, 100, 171,
        39, 110, 181, 57, 128, 199, 87, 158, 229, 131, 202, 145, 167, 238, 53, 46, 117, 188, 59, 130, 201, 79, 150,
        195, 112, 183, 126, 159, 153, 96, 197, 114, 83, 58, 129, 200, 72, 143, 214, 94, 165, 193, 129, 200, 58, 178,
        121, 64, 217, 32, 103};

    @Test
    void matchesPillowWhenDownscalingAndUpscaling() {
        assertArrayEquals(PILLOW_9X7_TO_4X3, unsigned(resize(pattern(9, 7), 4, 3)));
        assertArrayEquals(PILLOW_4X3_TO_6X5, unsigned(resize(pattern(4, 3), 6, 5)));
    }

    @Test
    void constantStaysConstant() {
        byte[] pixels = new byte[37 * 23 * 3];
        for (int p = 0; p < pixels.length; p += 3) {
            pixels[p] = 17;
            pixels[p + 1] = (byte) 200;
            pixels[p + 2] = (byte) 255;
        }
        RgbImage constant = new RgbImage(37, 23, pixels);
        for (int[] size : new int[][] {{5, 4}, {37, 23}, {100, 61}, {1, 1}}) {
            RgbImage resized = resize(constant, size[0], size[1]);
            for (int p = 0; p < resized.pixels().length; p += 3) {
                assertEquals(17, resized.pixels()[p] & 0xFF);
                assertEquals(200, resized.pixels()[p + 1] & 0xFF);
                assertEquals(255, resized.pixels()[p + 2] & 0xFF);
            }
        }
    }

    @Test
    void horizontalGradientStaysMonotone() {
        int width = 50;
        byte[] pixels = new byte[width * 4 * 3];
        for (int p = 0; p < pixels.length; p++) {
            pixels[p] = (byte) (p / 3 % width * 5);
        }
        RgbImage gradient = new RgbImage(width, 4, pixels);
        for (int outWidth : new int[] {13, 50, 87}) {
            RgbImage resized = resize(gradient, outWidth, 3);
            for (int y = 0; y < 3; y++) {
                for (int x = 1; x < outWidth; x++) {
                    assertTrue(resized.value(x, y, 0) >= resized.value(x - 1, y, 0), "column " + x);
                }
                assertTrue(resized.value(outWidth - 1, y, 0) > resized.value(0, y, 0));
            }
        }
    }

    @Test
    void sameSizeIsIdentity() {
        byte[] pixels = new byte[11 * 7 * 3];
        new Random(1).nextBytes(pixels);
        RgbImage image = new RgbImage(11, 7, pixels);
        assertArrayEquals(pixels, resize(image, 11, 7).pixels());
    }

    @Test
    void aWindowIsResizedOnItsOwn() {
        RgbImage image = TestImages.coordinates(6, 5);
        RgbImage window = Resampler.resample(image, ResampleAxis.of(2, 3, 3), ResampleAxis.of(1, 4, 4));
        assertEquals(80, window.value(0, 0, 0));
        assertEquals(40, window.value(0, 0, 1));
        assertEquals(160, window.value(2, 3, 0));
        assertEquals(160, window.value(2, 3, 1));
    }

    private static RgbImage resize(RgbImage image, int width, int height) {
        return Resampler.resample(image, ResampleAxis.of(0, image.width(), width),
                ResampleAxis.of(0, image.height(), height));
    }

    /** Pixel (x, y), channel c: (13x² + 29y + 71c + 7xy) mod 256. */
    private static RgbImage pattern(int width, int height) {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    pixels[(y * width + x) * 3 + c] = (byte) ((x * x * 13 + y * 29 + c * 71 + x * y * 7) % 256);
                }
            }
        }
        return new RgbImage(width, height, pixels);
    }

    private static int[] unsigned(RgbImage image) {
        byte[] pixels = image.pixels();
        int[] values = new int[pixels.length];
        Arrays.setAll(values, i -> pixels[i] & 0xFF);
        return values;
    }
}
