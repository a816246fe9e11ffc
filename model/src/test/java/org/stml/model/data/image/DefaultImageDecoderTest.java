package org.stml.model.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stml.model.data.FileImageSource;
import org.stml.model.data.RgbImage;

class DefaultImageDecoderTest {

    private final DefaultImageDecoder decoder = new DefaultImageDecoder();

    @Test
    void rgbJpegIsCloseToTheSource() throws IOException {
        BufferedImage source = TestImages.smoothRgb(40, 30);
        RgbImage image = decoder.decode(TestImages.encode(source, "jpg"), "smooth.jpg");
        assertEquals(40, image.width());
        assertEquals(30, image.height());
        double error = 0;
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                int rgb = source.getRGB(x, y);
                error += Math.abs(image.value(x, y, 0) - (rgb >> 16 & 0xFF))
                        + Math.abs(image.value(x, y, 1) - (rgb >> 8 & 0xFF))
                        + Math.abs(image.value(x, y, 2) - (rgb & 0xFF));
            }
        }
        assertTrue(error / (40 * 30 * 3) < 3, "mean JPEG error " + error / (40 * 30 * 3));
    }

    @Test
    void paletteAndLosslessFormatsAreExact() throws IOException {
        // a full 8-bit palette and 16 x 8 pixels: the JDK's BMP and GIF writers misplace pixels of smaller ones
        byte[] reds = new byte[256];
        byte[] greens = new byte[256];
        byte[] blues = new byte[256];
        reds[1] = (byte) 200;
        greens[1] = 20;
        blues[1] = 40;
        reds[2] = 10;
        greens[2] = (byte) 220;
        blues[2] = (byte) 230;
        BufferedImage palette = new BufferedImage(16, 8, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, reds, greens, blues));
        palette.getRaster().setSample(1, 0, 0, 1);
        palette.getRaster().setSample(2, 1, 0, 2);
        for (String format : new String[] {"png", "gif", "bmp"}) {
            RgbImage image = decoder.decode(TestImages.encode(palette, format), "palette." + format);
            assertPixel(image, 0, 0, 0, 0, 0);
            assertPixel(image, 1, 0, 200, 20, 40);
            assertPixel(image, 2, 1, 10, 220, 230);
        }
    }

    @Test
    void oneBitPngIsBlackAndWhite() throws IOException {
        BufferedImage binary = new BufferedImage(9, 2, BufferedImage.TYPE_BYTE_BINARY);
        binary.getRaster().setSample(8, 1, 0, 1);
        RgbImage image = decoder.decode(TestImages.encode(binary, "png"), "binary.png");
        assertPixel(image, 8, 1, 255, 255, 255);
        assertPixel(image, 7, 1, 0, 0, 0);
    }

    @Test
    void greyIsReplicatedWithoutGammaConversion() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 128);
        grey.getRaster().setSample(1, 0, 0, 37);
        RgbImage image = decoder.decode(TestImages.encode(grey, "png"), "grey.png");
        assertPixel(image, 0, 0, 128, 128, 128);
        assertPixel(image, 1, 0, 37, 37, 37);
    }

    @Test
    void alphaIsDropped() throws IOException {
        BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x10C86432);
        rgba.setRGB(1, 0, 0xFF0A141E);
        RgbImage image = decoder.decode(TestImages.encode(rgba, "png"), "rgba.png");
        assertPixel(image, 0, 0, 200, 100, 50);
        assertPixel(image, 1, 0, 10, 20, 30);

        BufferedImage greyAlpha = new BufferedImage(new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
                true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE),
                Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 1, 1, 2, null), false, null);
        greyAlpha.getRaster().setPixel(0, 0, new int[] {90, 3});
        assertPixel(decoder.decode(TestImages.encode(greyAlpha, "png"), "la.png"), 0, 0, 90, 90, 90);
    }

    @Test
    void sixteenBitKeepsTheHighByte() throws IOException {
        BufferedImage grey = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSample(0, 0, 0, 0xABCD);
        assertPixel(decoder.decode(TestImages.encode(grey, "png"), "grey16.png"), 0, 0, 0xAB, 0xAB, 0xAB);

        BufferedImage rgb = new BufferedImage(new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT),
                Raster.createInterleavedRaster(DataBuffer.TYPE_USHORT, 1, 1, 3, null), false, null);
        rgb.getRaster().setPixel(0, 0, new int[] {0x1234, 0x80FF, 0xFFFF});
        assertPixel(decoder.decode(TestImages.encode(rgb, "png"), "rgb16.png"), 0, 0, 0x12, 0x80, 0xFF);
    }

    @Test
    void cmykAndYcckJpegsGetTheirColours() throws IOException {
        int[][] inks = {{255, 0, 0, 0}, {0, 0, 0, 200}, {0, 0, 0, 0}, {0, 255, 255, 0}};
        int[][] expected = {{0, 255, 255}, {55, 55, 55}, {255, 255, 255}, {255, 0, 0}};
        int[][] cmyk = new int[32 * 8][];
        for (int i = 0; i < cmyk.length; i++) {
            cmyk[i] = inks[i % 32 / 8];
        }
        for (boolean ycck : new boolean[] {false, true}) {
            RgbImage image = decoder.decode(TestImages.adobeJpeg(32, 8, cmyk, ycck), ycck ? "ycck.jpg" : "cmyk.jpg");
            for (int block = 0; block < 4; block++) {
                for (int c = 0; c < 3; c++) {
                    int value = image.value(block * 8 + 4, 4, c);
                    assertTrue(Math.abs(value - expected[block][c]) <= 6, (ycck ? "YCCK" : "CMYK") + " block " + block
                            + " channel " + c + ": " + value + " instead of " + expected[block][c]);
                }
            }
        }
    }

    @Test
    void emptyTruncatedAndGarbageFilesAreRefusedNamingTheLocation(@TempDir Path folder) throws IOException {
        BufferedImage noise = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                noise.setRGB(x, y, random.nextInt());
            }
        }
        byte[] jpeg = TestImages.encode(noise, "jpg");
        byte[] png = TestImages.encode(noise, "png");
        byte[] garbage = new byte[2000];
        random.nextBytes(garbage);
        byte[] fakeJpeg = garbage.clone();
        fakeJpeg[0] = (byte) 0xFF;
        fakeJpeg[1] = (byte) 0xD8;
        fakeJpeg[2] = (byte) 0xFF;
        assertRefused(folder, "empty.jpg", new byte[0], "empty");
        assertRefused(folder, "half.jpg", Arrays.copyOf(jpeg, jpeg.length / 2), "truncated");
        assertRefused(folder, "no-eoi.jpg", Arrays.copyOf(jpeg, jpeg.length - 2), "truncated");
        assertRefused(folder, "half.png", Arrays.copyOf(png, png.length / 2), "corrupt");
        assertRefused(folder, "garbage.jpg", garbage, "not a recognised image format");
        assertRefused(folder, "fake.jpg", fakeJpeg, "corrupt");
    }

    private void assertRefused(Path folder, String name, byte[] bytes, String reason) throws IOException {
        Path file = Files.write(folder.resolve(name), bytes);
        IOException e = assertThrows(IOException.class, () -> new FileImageSource(file).load(decoder), name);
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    static void assertPixel(RgbImage image, int x, int y, int r, int g, int b) {
        assertEquals(r + "," + g + "," + b,
                image.value(x, y, 0) + "," + image.value(x, y, 1) + "," + image.value(x, y, 2),
                "pixel " + x + "," + y);
    }
}
