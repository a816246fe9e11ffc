package org.stml.model.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.stml.model.data.RgbImage;

class NormalizationTest {

    /** Two pixels: (255, 128, 0) then (10, 20, 30). */
    private final RgbImage image = new RgbImage(2, 1, new byte[] {(byte) 255, (byte) 128, 0, 10, 20, 30});

    @Test
    void imagenetUsesTheReferenceGreenStd() {
        float[] expected = {
            (1f - 0.485f) / 0.229f, (10 / 255f - 0.485f) / 0.229f,
            (128 / 255f - 0.456f) / 0.227f, (20 / 255f - 0.456f) / 0.227f,
            (0f - 0.406f) / 0.225f, (30 / 255f - 0.406f) / 0.225f};
        assertArrayEquals(expected, chw(Normalization.IMAGENET, false), 1e-6f);
    }

    @Test
    void caffeIsBgrMinusTheMeanWithoutScaling() {
        float[] expected = {0 - 104, 30 - 104, 128 - 117, 20 - 117, 255 - 128, 10 - 128};
        assertArrayEquals(expected, chw(Normalization.CAFFE, false), 0f);
    }

    @Test
    void unitIsRgbOverTwoFiftyFive() {
        float[] expected = {1f, 10 / 255f, 128 / 255f, 20 / 255f, 0f, 30 / 255f};
        assertArrayEquals(expected, chw(Normalization.UNIT, false), 1e-7f);
    }

    @Test
    void mirroredSwapsColumnsAndOffsetIsHonoured() {
        float[] destination = new float[8];
        Normalization.UNIT.writeChw(image, true, destination, 2);
        assertArrayEquals(new float[] {0, 0, 10 / 255f, 1f, 20 / 255f, 128 / 255f, 30 / 255f, 0f}, destination, 1e-7f);
    }

    private float[] chw(Normalization normalization, boolean mirrored) {
        float[] out = new float[6];
        normalization.writeChw(image, mirrored, out, 0);
        return out;
    }
}
