package org.stml.model.data.image;

import static org.stml.model.data.image.DefaultImageDecoderTest.assertPixel;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.stml.model.data.RgbImage;

class RasterPixelsTest {

    @Test
    void everyInMemoryLayoutGivesTheSameRgb() {
        int[] types = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_BGR,
            BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_ARGB_PRE};
        for (int type : types) {
            BufferedImage image = new BufferedImage(3, 2, type);
            image.setRGB(2, 1, 0xFF102030);
            image.setRGB(0, 1, 0xFFF0E0D0);
            RgbImage rgb = RasterPixels.toRgb(image);
            assertPixel(rgb, 2, 1, 0x10, 0x20, 0x30);
            assertPixel(rgb, 0, 1, 0xF0, 0xE0, 0xD0);
            assertPixel(rgb, 1, 0, 0, 0, 0);
        }
    }

    @Test
    void otherLayoutsGoThroughTheGeneralPath() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_565_RGB);
        image.setRGB(1, 0, 0xFFFFFFFF);
        RgbImage rgb = RasterPixels.toRgb(image);
        assertPixel(rgb, 1, 0, 255, 255, 255);
        assertPixel(rgb, 0, 0, 0, 0, 0);
    }

    @Test
    void aSubimageIsCopiedFromItsOwnOrigin() {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR);
        image.setRGB(2, 3, 0xFF0A0B0C);
        RgbImage rgb = RasterPixels.toRgb(image.getSubimage(1, 1, 3, 3));
        assertPixel(rgb, 1, 2, 0x0A, 0x0B, 0x0C);
    }
}
