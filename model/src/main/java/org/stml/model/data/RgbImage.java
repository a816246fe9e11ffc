package org.stml.model.data;

/**
 * A decoded image: 8-bit RGB, row-major, channels interleaved (HWC), no alpha.
 *
 * @param width the width in pixels, at least 1
 * @param height the height in pixels, at least 1
 * @param pixels width × height × 3 bytes, R G B per pixel, read as unsigned
 */
public record RgbImage(int width, int height, byte[] pixels) {

    /** Checks the sizes. */
    public RgbImage {
        if (width < 1 || height < 1 || pixels.length != width * height * 3) {
            throw new IllegalArgumentException(
                    "an RGB image of " + width + "x" + height + " needs " + width * height * 3 + " bytes, got "
                            + pixels.length);
        }
    }

    /**
     * Returns one channel value of one pixel, 0–255.
     *
     * @param x the column
     * @param y the row
     * @param channel 0 red, 1 green, 2 blue
     * @return the value
     */
    public int value(int x, int y, int channel) {
        return pixels[(y * width + x) * 3 + channel] & 0xFF;
    }
}
