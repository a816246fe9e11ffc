package org.stml.model.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomResizedCropTest {

    private final RandomResizedCrop crop = new RandomResizedCrop(0.16, 1.0, 3.0 / 4.0, 4.0 / 3.0);

    @Test
    void matchesAStraightforwardRecomputationOfTorchvision() {
        int[][] sizes = {{500, 375}, {375, 500}, {32, 32}, {224, 224}, {1000, 90}, {7, 5}};
        Set<Integer> attemptsSeen = new HashSet<>();
        for (int[] size : sizes) {
            for (long seed = 0; seed < 200; seed++) {
                CropBox box = crop.sample(size[0], size[1], new Random(seed));
                Reference expected = torchvision(size[0], size[1], new Random(seed));
                assertEquals(expected.box(), box, size[0] + "x" + size[1] + " seed " + seed);
                attemptsSeen.add(expected.attempts());
            }
        }
        assertTrue(attemptsSeen.size() > 2, "several attempt counts exercised: " + attemptsSeen);
    }

    @Test
    void everyAttemptFailingGivesTheClampedCentreCrop() {
        assertEquals(new CropBox(193, 0, 13, 10), crop.sample(400, 10, new Random(1)));
        assertEquals(new CropBox(0, 193, 10, 13), crop.sample(10, 400, new Random(1)));
    }

    @Test
    void boxesStayInsideTheImage() {
        Random random = new Random(9);
        for (int i = 0; i < 2000; i++) {
            int width = 1 + random.nextInt(300);
            int height = 1 + random.nextInt(300);
            CropBox box = crop.sample(width, height, random);
            assertTrue(box.left() + box.width() <= width && box.top() + box.height() <= height, box.toString());
        }
    }

    /** The torchvision algorithm, written out independently, counting the attempts used (11 = fallback). */
    private static Reference torchvision(int width, int height, Random random) {
        double area = width * (double) height;
        for (int attempt = 1; attempt <= 10; attempt++) {
            double target = area * (0.16 + 0.84 * random.nextDouble());
            double logRatio = Math.log(0.75) + (Math.log(4.0 / 3.0) - Math.log(0.75)) * random.nextDouble();
            double ratio = Math.exp(logRatio);
            long w = pythonRound(Math.sqrt(target * ratio));
            long h = pythonRound(Math.sqrt(target / ratio));
            if (0 < w && w <= width && 0 < h && h <= height) {
                int i = random.nextInt(height - (int) h + 1);
                int j = random.nextInt(width - (int) w + 1);
                return new Reference(new CropBox(j, i, (int) w, (int) h), attempt);
            }
        }
        double inRatio = (double) width / height;
        int w = width;
        int h = height;
        if (inRatio < 0.75) {
            h = (int) pythonRound(w / 0.75);
        } else if (inRatio > 4.0 / 3.0) {
            w = (int) pythonRound(h * (4.0 / 3.0));
        }
        return new Reference(new CropBox(Math.floorDiv(width - w, 2), Math.floorDiv(height - h, 2), w, h), 11);
    }

    /** Python 3's round(): half to even. */
    private static long pythonRound(double x) {
        double floor = Math.floor(x);
        double difference = x - floor;
        if (difference == 0.5) {
            return (long) floor % 2 == 0 ? (long) floor : (long) floor + 1;
        }
        return Math.round(x);
    }

    private record Reference(CropBox box, int attempts) {}
}
