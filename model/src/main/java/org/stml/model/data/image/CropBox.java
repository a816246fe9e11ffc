package org.stml.model.data.image;

/**
 * A rectangle of whole pixels inside an image.
 *
 * @param left the first column
 * @param top the first row
 * @param width the number of columns, at least 1
 * @param height the number of rows, at least 1
 */
public record CropBox(int left, int top, int width, int height) {

    /** Checks the sizes. */
    public CropBox {
        if (left < 0 || top < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("invalid crop box " + width + "x" + height + " at (" + left + ", "
                    + top + ")");
        }
    }
}
