package org.stml.model.data.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.util.Arrays;
import org.stml.model.data.RgbImage;

/**
 * Copies the pixels of a decoded {@link BufferedImage} into an {@link RgbImage}, as PIL's {@code convert("RGB")} does:
 * alpha is dropped, grey is replicated into R, G and B, palette indices are looked up, and 16-bit samples keep their
 * high byte. Stored values are copied as they are (no colour-space conversion), so an 8-bit grey value of 128 stays
 * 128 rather than becoming the sRGB rendering of Java's linear grey.
 *
 * <p>Interleaved byte and 16-bit rasters (every layout the JPEG, PNG and BMP readers produce for 8/16-bit RGB, grey,
 * grey + alpha and RGBA), packed-int rasters and palettes are read straight from the data buffer; any other layout
 * goes through {@link BufferedImage#getRGB(int, int, int, int, int[], int, int)}.
 */
final class RasterPixels {

    private RasterPixels() {}

    /**
     * Converts an image.
     *
     * @param image a decoded image
     * @return its 8-bit RGB pixels
     */
    static RgbImage toRgb(BufferedImage image) {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0) {
            return fromArgb(image);
        }
        if (model instanceof IndexColorModel palette) {
            return fromPalette(palette, raster);
        }
        if (isInterleavedComponents(model, raster)) {
            return fromComponents(model, raster);
        }
        if (isPackedInts(model, raster)) {
            return fromPackedInts((DirectColorModel) model, raster);
        }
        return fromArgb(image);
    }

    private static boolean isInterleavedComponents(ColorModel model, Raster raster) {
        if (!(model instanceof ComponentColorModel) || model.isAlphaPremultiplied()
                || !(raster.getSampleModel() instanceof ComponentSampleModel sampleModel)) {
            return false;
        }
        int type = model.getColorSpace().getType();
        boolean rgbOrGrey = type == ColorSpace.TYPE_RGB || type == ColorSpace.TYPE_GRAY;
        boolean oneBank = Arrays.stream(sampleModel.getBankIndices()).allMatch(bank -> bank == 0);
        int bits = model.getComponentSize(0);
        boolean supportedDepth = raster.getDataBuffer() instanceof DataBufferByte ? bits == 8
                : raster.getDataBuffer() instanceof DataBufferUShort && bits >= 8 && bits <= 16;
        return rgbOrGrey && oneBank && supportedDepth;
    }

    private static RgbImage fromComponents(ColorModel model, Raster raster) {
        ComponentSampleModel sampleModel = (ComponentSampleModel) raster.getSampleModel();
        int[] bands = sampleModel.getBandOffsets();
        int[] channels = model.getNumColorComponents() == 1
                ? new int[] {bands[0], bands[0], bands[0]}
                : new int[] {bands[0], bands[1], bands[2]};
        Layout layout = new Layout(raster.getWidth(), raster.getHeight(), raster.getDataBuffer().getOffset(),
                sampleModel.getScanlineStride(), sampleModel.getPixelStride(), channels);
        if (raster.getDataBuffer() instanceof DataBufferByte bytes) {
            return layout.copyBytes(bytes.getData());
        }
        return layout.copyShorts(((DataBufferUShort) raster.getDataBuffer()).getData(), model.getComponentSize(0) - 8);
    }

    private static boolean isPackedInts(ColorModel model, Raster raster) {
        return model instanceof DirectColorModel direct && !direct.isAlphaPremultiplied()
                && direct.getColorSpace().isCS_sRGB()
                && raster.getSampleModel() instanceof SinglePixelPackedSampleModel
                && raster.getDataBuffer() instanceof DataBufferInt
                && Integer.bitCount(direct.getRedMask()) == 8 && Integer.bitCount(direct.getGreenMask()) == 8
                && Integer.bitCount(direct.getBlueMask()) == 8;
    }

    private static RgbImage fromPackedInts(DirectColorModel model, Raster raster) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int scanline = ((SinglePixelPackedSampleModel) raster.getSampleModel()).getScanlineStride();
        DataBufferInt buffer = (DataBufferInt) raster.getDataBuffer();
        int[] data = buffer.getData();
        int[] shifts = {Integer.numberOfTrailingZeros(model.getRedMask()),
            Integer.numberOfTrailingZeros(model.getGreenMask()), Integer.numberOfTrailingZeros(model.getBlueMask())};
        byte[] out = new byte[width * height * 3];
        int o = 0;
        for (int y = 0; y < height; y++) {
            int row = buffer.getOffset() + y * scanline;
            for (int x = 0; x < width; x++) {
                int pixel = data[row + x];
                out[o++] = (byte) (pixel >>> shifts[0]);
                out[o++] = (byte) (pixel >>> shifts[1]);
                out[o++] = (byte) (pixel >>> shifts[2]);
            }
        }
        return new RgbImage(width, height, out);
    }

    private static RgbImage fromPalette(IndexColorModel model, Raster raster) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int[] palette = new int[Math.max(model.getMapSize(), 1 << raster.getSampleModel().getSampleSize(0))];
        model.getRGBs(palette);
        int[] row = new int[width];
        byte[] out = new byte[width * height * 3];
        int o = 0;
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                o = putArgb(out, o, palette[row[x]]);
            }
        }
        return new RgbImage(width, height, out);
    }

    private static RgbImage fromArgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        byte[] out = new byte[width * height * 3];
        int o = 0;
        for (int pixel : argb) {
            o = putArgb(out, o, pixel);
        }
        return new RgbImage(width, height, out);
    }

    private static int putArgb(byte[] out, int offset, int argb) {
        out[offset] = (byte) (argb >>> 16);
        out[offset + 1] = (byte) (argb >>> 8);
        out[offset + 2] = (byte) argb;
        return offset + 3;
    }

    /** Where the samples of an interleaved raster lie in its data array. */
    private record Layout(int width, int height, int start, int scanline, int pixelStride, int[] channels) {

        RgbImage copyBytes(byte[] data) {
            byte[] out = new byte[width * height * 3];
            int r = channels[0];
            int g = channels[1];
            int b = channels[2];
            int o = 0;
            for (int y = 0; y < height; y++) {
                int p = start + y * scanline;
                for (int x = 0; x < width; x++, p += pixelStride) {
                    out[o++] = data[p + r];
                    out[o++] = data[p + g];
                    out[o++] = data[p + b];
                }
            }
            return new RgbImage(width, height, out);
        }

        RgbImage copyShorts(short[] data, int shift) {
            byte[] out = new byte[width * height * 3];
            int o = 0;
            for (int y = 0; y < height; y++) {
                int p = start + y * scanline;
                for (int x = 0; x < width; x++, p += pixelStride) {
                    for (int channel : channels) {
                        out[o++] = (byte) ((data[p + channel] & 0xFFFF) >>> shift);
                    }
                }
            }
            return new RgbImage(width, height, out);
        }
    }
}
