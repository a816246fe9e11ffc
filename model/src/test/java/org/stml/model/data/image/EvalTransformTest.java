package org.stml.model.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stml.model.data.RgbImage;

class EvalTransformTest {

    private final EvalTransform transform = EvalTransform.builder().optNormalization(Normalization.UNIT).build();

    @Test
    void shorterSideBecomesTheResizeAndTheLongerKeepsTheAspect() {
        assertEquals(256, transform.resizedLength(400, 600));
        assertEquals(384, transform.resizedLength(600, 400));
        assertEquals(341, transform.resizedLength(500, 375));
        assertEquals(256, transform.resizedLength(300, 300));
    }

    @Test
    void centreCropRoundsHalfToEven() {
        assertEquals(new CropBox(80, 16, 224, 224), transform.cropBox(600, 400));
        assertEquals(new CropBox(16, 16, 224, 224), transform.cropBox(257, 256));
        assertEquals(new CropBox(18, 16, 224, 224), transform.cropBox(259, 256));
        assertEquals(new CropBox(16, 58, 224, 224), transform.cropBox(375, 500));
    }

    @Test
    void takesTheCentreOfTheResizedImage() {
        RgbImage image = TestImages.coordinates(256, 300);
        byte[] view = transform.apply(image, new Random(0));
        assertEquals(3 * 224 * 224, view.length);
        int plane = 224 * 224;
        assertEquals(16 * 40 % 256, view[0] & 0xFF);
        assertEquals(38 * 40 % 256, view[plane] & 0xFF);
        assertEquals((16 + 223) * 40 % 256, view[223] & 0xFF);
        assertEquals((38 + 223) * 40 % 256, view[plane + 223 * 224] & 0xFF);
    }

    @Test
    void cifarSizeIsIdentity() {
        RgbImage image = TestImages.coordinates(32, 32);
        EvalTransform cifar = EvalTransform.builder().optResize(32).optCrop(32).optNormalization(Normalization.UNIT)
                .build();
        byte[] expected = new byte[3 * 32 * 32];
        Normalization.UNIT.writeChw(image, false, expected, 0);
        assertArrayEquals(expected, cifar.apply(image, new Random(0)));
    }

    @Test
    void squashTransformIgnoresTheAspect() {
        SquashTransform squash = new SquashTransform(20, Normalization.UNIT);
        RgbImage image = TestImages.coordinates(40, 10);
        byte[] expected = new byte[3 * 20 * 20];
        Normalization.UNIT.writeChw(Resampler.resample(image, ResampleAxis.of(0, 40, 20), ResampleAxis.of(0, 10, 20)),
                false, expected, 0);
        assertArrayEquals(expected, squash.apply(image, new Random(0)));
    }
}
