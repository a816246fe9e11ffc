package org.stml.model.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Training batches and evaluation sets drawn from {@link SyntheticShapes}: a contiguous range of classes with a fixed
 * number of instances each. A training batch holds B distinct random images in two views, each view a random
 * translation (edges replicated) with a random horizontal flip, view-major with the dataset index of every row.
 * Deterministic under its seed. (The full STML augmentations and the nearest-neighbour sampler come with the data
 * issue.)
 */
public final class SyntheticBatches {

    private final SyntheticShapes shapes;
    private final int firstClass;
    private final int classes;
    private final int instancesPerClass;
    private final int maxShift;
    private final Random random;

    /**
     * Creates the source.
     *
     * @param shapes the generator
     * @param firstClass the first class of the range
     * @param classes the number of classes
     * @param instancesPerClass images per class
     * @param seed the seed of the batch draws and augmentations
     */
    public SyntheticBatches(SyntheticShapes shapes, int firstClass, int classes, int instancesPerClass, long seed) {
        this.shapes = shapes;
        this.firstClass = firstClass;
        this.classes = classes;
        this.instancesPerClass = instancesPerClass;
        this.maxShift = Math.max(1, shapes.imageSize() / 8);
        this.random = new Random(seed);
    }

    /**
     * Returns the number of images, classes × instances.
     *
     * @return the dataset size
     */
    public int datasetSize() {
        return classes * instancesPerClass;
    }

    /**
     * Draws {@code images} distinct dataset indices and returns their two views, view-major, with the indices.
     *
     * @param manager the manager of the returned arrays
     * @param images B, at most the dataset size
     * @return 2B rows of views and their dataset indices
     */
    public Batch next(NDManager manager, int images) {
        int[] indices = random.ints(0, datasetSize()).distinct().limit(images).toArray();
        int size = shapes.imageSize();
        int pixels = 3 * size * size;
        float[] views = new float[2 * images * pixels];
        long[] datasetIndex = new long[2 * images];
        for (int view = 0; view < 2; view++) {
            for (int i = 0; i < images; i++) {
                int row = view * images + i;
                float[] augmented = augment(render(indices[i]));
                System.arraycopy(augmented, 0, views, row * pixels, pixels);
                datasetIndex[row] = indices[i];
            }
        }
        return new Batch(manager.create(views, new Shape(2L * images, 3, size, size)), manager.create(datasetIndex));
    }

    /**
     * Returns every clean (unaugmented) image with its class label, 0-based within the range.
     *
     * @param manager the manager of the returned array
     * @return the images and labels
     */
    public Labelled all(NDManager manager) {
        int size = shapes.imageSize();
        int pixels = 3 * size * size;
        float[] images = new float[datasetSize() * pixels];
        int[] labels = new int[datasetSize()];
        for (int index = 0; index < datasetSize(); index++) {
            System.arraycopy(render(index), 0, images, index * pixels, pixels);
            labels[index] = index / instancesPerClass;
        }
        return new Labelled(manager.create(images, new Shape(datasetSize(), 3, size, size)), labels);
    }

    private float[] render(int index) {
        return shapes.render(firstClass + index / instancesPerClass, index % instancesPerClass);
    }

    private float[] augment(float[] image) {
        int size = shapes.imageSize();
        int dx = random.nextInt(2 * maxShift + 1) - maxShift;
        int dy = random.nextInt(2 * maxShift + 1) - maxShift;
        boolean flip = random.nextBoolean();
        float[] out = new float[image.length];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                int sourceY = Math.min(size - 1, Math.max(0, y + dy));
                for (int x = 0; x < size; x++) {
                    int shiftedX = Math.min(size - 1, Math.max(0, x + dx));
                    int sourceX = flip ? size - 1 - shiftedX : shiftedX;
                    out[(c * size + y) * size + x] = image[(c * size + sourceY) * size + sourceX];
                }
            }
        }
        return out;
    }

    /**
     * Two views of a batch and the dataset index of every row.
     *
     * @param images 2B × 3 × H × W, view-major
     * @param datasetIndex 2B dataset indices
     */
    public record Batch(NDArray images, NDArray datasetIndex) {}

    /**
     * Images with their class labels.
     *
     * @param images M × 3 × H × W
     * @param labels M labels
     */
    public record Labelled(NDArray images, int[] labels) {}
}
