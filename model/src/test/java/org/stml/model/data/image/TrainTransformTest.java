package org.stml.model.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stml.model.data.RgbImage;

class TrainTransformTest {

    private final RgbImage image = TestImages.coordinates(50, 37);

    @Test
    void cropsThenResizesToTheOutputSize() {
        TrainTransform transform = TrainTransform.builder().optSize(32).optFlipProbability(0)
                .optNormalization(Normalization.UNIT).build();
        byte[] view = transform.apply(image, new Random(4));
        assertEquals(3 * 32 * 32, view.length);
        Random random = new Random(4);
        CropBox box = new RandomResizedCrop(0.16, 1, 3.0 / 4.0, 4.0 / 3.0).sample(50, 37, random);
        byte[] expected = new byte[view.length];
        Normalization.UNIT.writeChw(Resampler.resample(image, ResampleAxis.of(box.left(), box.width(), 32),
                ResampleAxis.of(box.top(), box.height(), 32)), false, expected, 0);
        assertArrayEquals(expected, view);
    }

    @Test
    void flipMirrorsEveryRow() {
        TrainTransform.Builder builder = TrainTransform.builder().optSize(16).optNormalization(Normalization.UNIT);
        byte[] plain = builder.optFlipProbability(0).build().apply(image, new Random(8));
        byte[] flipped = builder.optFlipProbability(1).build().apply(image, new Random(8));
        assertFalse(Arrays.equals(plain, flipped));
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    int row = (c * 16 + y) * 16;
                    assertEquals(plain[row + x], flipped[row + 15 - x]);
                }
            }
        }
    }

    @Test
    void sameRandomSameView() {
        TrainTransform transform = TrainTransform.builder().optSize(24).build();
        assertArrayEquals(transform.apply(image, new Random(2)), transform.apply(image, new Random(2)));
        assertFalse(Arrays.equals(transform.apply(image, new Random(2)), transform.apply(image, new Random(3))));
    }
}
