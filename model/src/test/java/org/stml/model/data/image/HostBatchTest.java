package org.stml.model.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stml.model.data.ImageDataset;
import org.stml.model.data.RgbImage;
import org.stml.model.data.SyntheticDataset;
import org.stml.model.data.SyntheticShapes;

class HostBatchTest {

    private static final int SIZE = 24;
    private static final int[] INDICES = {3, 0, 11, 7, 5, 14};

    private final ImageDataset dataset = SyntheticDataset.split(new SyntheticShapes(40, 9), 4, 0, 4).train();

    /**
     * Two training views (crop, resize, flip with probability one half) of six images: the device input equals the
     * floats the host wrote before batches became uint8, for plain and mirrored rows alike.
     */
    @ParameterizedTest
    @EnumSource(Normalization.class)
    void aLoadedBatchOnTheDeviceEqualsTheFormerHostFloats(Normalization normalization) throws IOException {
        TrainTransform transform = TrainTransform.builder().optSize(SIZE).optNormalization(normalization).build();
        HostBatch batch;
        try (ParallelImageLoader loader = ParallelImageLoader.builder().optThreads(2).build()) {
            batch = loader.load(dataset, INDICES, transform, 2, 17);
        }
        assertEquals(normalization, batch.normalization());
        int viewFloats = 3 * SIZE * SIZE;
        float[] expected = new float[batch.rows() * viewFloats];
        int mirroredRows = 0;
        for (int v = 0; v < 2; v++) {
            for (int p = 0; p < INDICES.length; p++) {
                mirroredRows += formerHostView(normalization, p, v, expected, (v * INDICES.length + p) * viewFloats);
            }
        }
        assertTrue(mirroredRows > 0 && mirroredRows < batch.rows(), "mirrored rows: " + mirroredRows);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = batch.toNetworkInput(manager);
            assertEquals(DataType.FLOAT32, input.getDataType());
            assertEquals(batch.shape(), input.getShape());
            assertArrayEquals(expected, input.toFloatArray());
            assertEquals(1, manager.getManagedArrays().size(), "only the input stays attached");
        }
    }

    @Test
    void aBatchWithoutImagesGivesAnEmptyInput() {
        HostBatch empty = new HostBatch(new byte[0], Normalization.IMAGENET, 2, 0, SIZE, new int[0], new int[] {4});
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(new Shape(0, 3, SIZE, SIZE), empty.toNetworkInput(manager).getShape());
        }
    }

    /** Writes view v of position p as the host did before; returns 1 if the view was mirrored. */
    private int formerHostView(Normalization normalization, int position, int view, float[] destination, int offset)
            throws IOException {
        RgbImage image = dataset.get(INDICES[position]).source().load(new DefaultImageDecoder());
        Random random = ParallelImageLoader.viewRandom(17, position, view);
        CropBox box = new RandomResizedCrop(0.16, 1, 3.0 / 4.0, 4.0 / 3.0)
                .sample(image.width(), image.height(), random);
        boolean mirrored = random.nextDouble() < 0.5;
        RgbImage resized = Resampler.resample(image, ResampleAxis.of(box.left(), box.width(), SIZE),
                ResampleAxis.of(box.top(), box.height(), SIZE));
        HostFloatReference.writeChw(normalization, resized, mirrored, destination, offset);
        return mirrored ? 1 : 0;
    }
}
