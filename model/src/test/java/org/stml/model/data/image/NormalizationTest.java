package org.stml.model.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stml.model.data.RgbImage;

class NormalizationTest {

    /** Two pixels: (255, 128, 0) then (10, 20, 30). */
    private final RgbImage image = new RgbImage(2, 1, new byte[] {(byte) 255, (byte) 128, 0, 10, 20, 30});

    @Test
    void writesRgbChannelMajor() {
        assertArrayEquals(new byte[] {(byte) 255, 10, (byte) 128, 20, 0, 30}, chw(Normalization.UNIT));
        assertArrayEquals(chw(Normalization.UNIT), chw(Normalization.IMAGENET));
    }

    @Test
    void caffeWritesBgr() {
        assertArrayEquals(new byte[] {0, 30, (byte) 128, 20, (byte) 255, 10}, chw(Normalization.CAFFE));
    }

    @Test
    void mirroredSwapsColumnsAndOffsetIsHonoured() {
        byte[] destination = new byte[8];
        Normalization.UNIT.writeChw(image, true, destination, 2);
        assertArrayEquals(new byte[] {0, 0, 10, (byte) 255, 20, (byte) 128, 30, 0}, destination);
    }

    @Test
    void imagenetUsesTheReferenceGreenStd() {
        float[] expected = {
            (1f - 0.485f) / 0.229f, (10 / 255f - 0.485f) / 0.229f,
            (128 / 255f - 0.456f) / 0.227f, (20 / 255f - 0.456f) / 0.227f,
            (0f - 0.406f) / 0.225f, (30 / 255f - 0.406f) / 0.225f};
        assertArrayEquals(expected, onDevice(Normalization.IMAGENET), 1e-6f);
    }

    @Test
    void caffeIsBgrMinusTheMeanWithoutScaling() {
        float[] expected = {0 - 104, 30 - 104, 128 - 117, 20 - 117, 255 - 128, 10 - 128};
        assertArrayEquals(expected, onDevice(Normalization.CAFFE), 0f);
    }

    @Test
    void unitIsRgbOverTwoFiftyFive() {
        float[] expected = {1f, 10 / 255f, 128 / 255f, 20 / 255f, 0f, 30 / 255f};
        assertArrayEquals(expected, onDevice(Normalization.UNIT), 1e-7f);
    }

    /** Row 0 holds value v at position v of every channel, row 1 holds 255 − v: every table entry, twice. */
    @ParameterizedTest
    @EnumSource(Normalization.class)
    void everyValueOfEveryChannelIsTheHostTableBitForBit(Normalization normalization) {
        byte[] pixels = new byte[2 * 3 * 256];
        float[] expected = new float[pixels.length];
        for (int row = 0; row < 2; row++) {
            for (int channel = 0; channel < 3; channel++) {
                for (int v = 0; v < 256; v++) {
                    int value = row == 0 ? v : 255 - v;
                    int i = (row * 3 + channel) * 256 + v;
                    pixels[i] = (byte) value;
                    expected[i] = normalization.normalize(channel, value);
                }
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray uint8 = manager.create(ByteBuffer.wrap(pixels), new Shape(2, 3, 16, 16), DataType.UINT8);
            NDArray input = normalization.toNetworkInput(uint8);
            assertEquals(DataType.FLOAT32, input.getDataType());
            assertEquals(new Shape(2, 3, 16, 16), input.getShape());
            assertArrayEquals(expected, input.toFloatArray());
        }
    }

    @ParameterizedTest
    @EnumSource(Normalization.class)
    void hostBytesThenDeviceEqualTheFormerHostFloatsForMirroredViewsToo(Normalization normalization) {
        RgbImage coordinates = TestImages.coordinates(13, 9);
        for (boolean mirrored : new boolean[] {false, true}) {
            float[] expected = new float[3 * 13 * 9];
            HostFloatReference.writeChw(normalization, coordinates, mirrored, expected, 0);
            byte[] pixels = new byte[expected.length];
            normalization.writeChw(coordinates, mirrored, pixels, 0);
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray uint8 = manager.create(ByteBuffer.wrap(pixels), new Shape(1, 3, 9, 13), DataType.UINT8);
                assertArrayEquals(expected, normalization.toNetworkInput(uint8).toFloatArray(), "mirrored " + mirrored);
            }
        }
    }

    @Test
    void theTemporaryArraysAreClosed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray uint8 = manager.create(ByteBuffer.wrap(chw(Normalization.CAFFE)), new Shape(1, 3, 1, 2),
                    DataType.UINT8);
            int before = manager.getManagedArrays().size();
            NDArray input = Normalization.CAFFE.toNetworkInput(uint8);
            assertEquals(before + 1, manager.getManagedArrays().size());
            assertTrue(manager.getManagedArrays().contains(input));
        }
    }

    @Test
    void rejectsFloatPixels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray floats = manager.zeros(new Shape(1, 3, 2, 2));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Normalization.UNIT.toNetworkInput(floats));
            assertTrue(error.getMessage().contains("uint8"), error.getMessage());
        }
    }

    private byte[] chw(Normalization normalization) {
        byte[] out = new byte[6];
        normalization.writeChw(image, false, out, 0);
        return out;
    }

    private float[] onDevice(Normalization normalization) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray uint8 = manager.create(ByteBuffer.wrap(chw(normalization)), new Shape(1, 3, 1, 2),
                    DataType.UINT8);
            return normalization.toNetworkInput(uint8).toFloatArray();
        }
    }
}
