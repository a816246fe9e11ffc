package org.stml.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KMeansTest {

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void recoversWellSeparatedBlobs() {
        int blobs = 6;
        int perBlob = 50;
        int dimension = 8;
        Random random = new Random(3);
        float[][] centres = new float[blobs][dimension];
        for (float[] centre : centres) {
            for (int j = 0; j < dimension; j++) {
                centre[j] = random.nextFloat() * 100 - 50;
            }
        }
        int count = blobs * perBlob;
        float[] values = new float[count * dimension];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(blobs);
            for (int j = 0; j < dimension; j++) {
                values[i * dimension + j] = centres[labels[i]][j] + (float) random.nextGaussian() * 0.5f;
            }
        }
        NDArray points = manager.create(values, new Shape(count, dimension));
        for (long seed = 0; seed < 5; seed++) {
            KMeansResult result = KMeans.builder().optSeed(seed).optChunkElements(1_000).build().cluster(points, blobs);
            assertTrue(result.converged(), "seed " + seed);
            assertEquals(1.0, NormalizedMutualInformation.compute(labels, result.assignments()), 1e-9, "seed " + seed);
        }
        assertEquals(1, manager.getManagedArrays().size(), "only the input is left");
    }

    @Test
    void sameSeedSameClustering() {
        float[] values = new float[500 * 8];
        Random random = new Random(5);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        NDArray points = manager.create(values, new Shape(500, 8));
        KMeans kMeans = KMeans.builder().optSeed(42).build();
        KMeansResult first = kMeans.cluster(points, 10);
        KMeansResult second = KMeans.builder().optSeed(42).build().cluster(points, 10);
        assertArrayEquals(first.assignments(), second.assignments());
        assertEquals(first.iterations(), second.iterations());
        assertTrue(first.iterations() > 1, "unstructured data needs several Lloyd steps");
        KMeansResult otherSeed = KMeans.builder().optSeed(43).build().cluster(points, 10);
        assertNotEquals(Arrays.toString(first.assignments()), Arrays.toString(otherSeed.assignments()));
    }

    @Test
    void iterationLimitIsHonoured() {
        float[] values = new float[400 * 4];
        Random random = new Random(9);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        KMeansResult result = KMeans.builder().optMaxIterations(1).build()
                .cluster(manager.create(values, new Shape(400, 4)), 20);
        assertEquals(1, result.iterations());
        assertTrue(!result.converged());
    }

    @Test
    void emptyClustersAreReseededSoEveryClusterIsUsed() {
        // Four 1-D points, three of them identical, and k = 4: k-means++ must pick a duplicate centre, leaving
        // clusters empty; each is re-seeded with a point from a cluster that keeps another member.
        NDArray points = manager.create(new float[] {0, 0, 0, 5}, new Shape(4, 1));
        for (long seed = 0; seed < 4; seed++) {
            KMeansResult result = KMeans.builder().optSeed(seed).build().cluster(points, 4);
            int[] sorted = result.assignments().clone();
            Arrays.sort(sorted);
            assertArrayEquals(new int[] {0, 1, 2, 3}, sorted, "seed " + seed + ": " + Arrays.toString(sorted));
            assertTrue(result.converged(), "seed " + seed);
        }
    }

    @Test
    void rejectsBadArguments() {
        NDArray points = manager.create(new float[] {0, 1, 2}, new Shape(3, 1));
        KMeans kMeans = KMeans.builder().build();
        assertThrows(IllegalArgumentException.class, () -> kMeans.cluster(points, 4));
        assertThrows(IllegalArgumentException.class, () -> kMeans.cluster(points, 0));
        assertThrows(IllegalArgumentException.class, () -> kMeans.cluster(manager.create(new float[] {1, 2}), 1));
        assertThrows(IllegalArgumentException.class, () -> KMeans.builder().optMaxIterations(0));
    }
}
