package org.stml.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.stml.model.data.SyntheticShapes;

/**
 * Batches for the in-process training test: random images of a class range, each in two views made by a random
 * translation (edge-replicated) and a horizontal flip; and the clean images of held-out classes for evaluation.
 */
final class SyntheticBatches {

    private final SyntheticShapes shapes;
    private final int firstClass;
    private final int classes;
    private final int instancesPerClass;
    private final int maxShift;
    private final Random random;

    SyntheticBatches(SyntheticShapes shapes, int firstClass, int classes, int instancesPerClass, long seed) {
        this.shapes = shapes;
        this.firstClass = firstClass;
        this.classes = classes;
        this.instancesPerClass = instancesPerClass;
        this.maxShift = Math.max(1, shapes.imageSize() / 8);
        this.random = new Random(seed);
    }

    int datasetSize() {
        return classes * instancesPerClass;
    }

    /** Draws {@code images} distinct dataset indices and returns their two views, view-major, with the indices. */
    Batch next(NDManager manager, int images) {
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

    /** All clean images of the class range, with their class labels (0-based within the range). */
    Labelled all(NDManager manager) {
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

    /** Two views of a batch (2B × 3 × H × W, view-major) and the dataset index of every row. */
    record Batch(NDArray images, NDArray datasetIndex) {}

    /** Images with their class labels. */
    record Labelled(NDArray images, int[] labels) {}
}
