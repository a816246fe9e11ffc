package org.stml.model.data.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stml.model.eval.ExactKnn;

class NeighbourBatchSamplerTest {

    private static final int CLASSES = 20;
    private static final int PER_CLASS = 30;
    private static final int DIM = 16;

    private NDManager manager;
    private int[] labels;
    private NeighbourTable table;

    @BeforeEach
    void buildTableOnClusteredEmbeddings() {
        manager = NDManager.newBaseManager();
        Random random = new Random(7);
        float[][] centres = new float[CLASSES][DIM];
        for (float[] centre : centres) {
            for (int d = 0; d < DIM; d++) {
                centre[d] = (float) random.nextGaussian() * 3f;
            }
        }
        float[] points = new float[CLASSES * PER_CLASS * DIM];
        labels = new int[CLASSES * PER_CLASS];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % CLASSES; // interleaved, so neighbours are not simply adjacent indices
            for (int d = 0; d < DIM; d++) {
                points[i * DIM + d] = centres[labels[i]][d] + (float) random.nextGaussian();
            }
        }
        NDArray embeddings = manager.create(points, new Shape(labels.length, DIM));
        table = NeighbourTable.build(embeddings, 5, ExactKnn.builder().build());
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void everyImageIsFirstInItsOwnNeighbourList() {
        for (int i = 0; i < table.size(); i++) {
            assertEquals(i, table.row(i)[0], "self first for image " + i);
        }
    }

    @Test
    void batchesAreNeighbourhoodsSharingTheClassFarAboveChance() {
        NeighbourBatchSampler sampler = new NeighbourBatchSampler(table, 120, 0);
        int same = 0;
        int pairs = 0;
        for (int b = 0; b < sampler.batchesPerEpoch(); b++) {
            int[] batch = sampler.batch(0, b);
            for (int start = 0; start < batch.length; start += 5) {
                for (int r = 1; r < 5; r++) {
                    same += labels[batch[start]] == labels[batch[start + r]] ? 1 : 0;
                    pairs++;
                }
            }
        }
        double share = (double) same / pairs;
        assertTrue(share > 0.9, "query-neighbour pairs sharing the class: " + share + " (chance " + 1.0 / CLASSES + ")");
    }

    @Test
    void batchHasDistinctQueriesEachFollowedByItsNeighbourList() {
        NeighbourBatchSampler sampler = new NeighbourBatchSampler(table, 120, 3);
        int[] batch = sampler.batch(2, 5);
        assertEquals(120, batch.length);
        Set<Integer> queries = new HashSet<>();
        for (int start = 0; start < batch.length; start += 5) {
            assertArrayEquals(table.row(batch[start]), Arrays.copyOfRange(batch, start, start + 5));
            queries.add(batch[start]);
        }
        assertEquals(24, queries.size(), "24 queries drawn without replacement");
        assertEquals(table.size() / 120, sampler.batchesPerEpoch());
    }

    @Test
    void anEpochIsFloorOfImagesOverBatchSizeStepsAndAtLeastOne() {
        assertEquals(10, NeighbourBatchSampler.stepsPerEpoch(1200, 120));
        assertEquals(2, NeighbourBatchSampler.stepsPerEpoch(359, 120));
        assertEquals(1, NeighbourBatchSampler.stepsPerEpoch(119, 120));
        assertThrows(IllegalArgumentException.class, () -> NeighbourBatchSampler.stepsPerEpoch(100, 0));
    }

    @Test
    void batchesArePureFunctionsOfSeedEpochAndIndex() {
        NeighbourBatchSampler sampler = new NeighbourBatchSampler(table, 60, 11);
        NeighbourBatchSampler again = new NeighbourBatchSampler(table, 60, 11);
        assertArrayEquals(sampler.batch(4, 2), again.batch(4, 2));
        assertFalse(Arrays.equals(sampler.batch(4, 2), sampler.batch(4, 3)));
        assertFalse(Arrays.equals(sampler.batch(4, 2), sampler.batch(5, 2)));
        assertFalse(Arrays.equals(sampler.batch(4, 2), new NeighbourBatchSampler(table, 60, 12).batch(4, 2)));
    }

    @Test
    void queriesAreDrawnUniformly() {
        NeighbourBatchSampler sampler = new NeighbourBatchSampler(table, 120, 1);
        int[] counts = new int[table.size()];
        int draws = 0;
        for (int b = 0; b < 1000; b++) {
            int[] batch = sampler.batch(0, b);
            for (int start = 0; start < batch.length; start += 5) {
                counts[batch[start]]++;
                draws++;
            }
        }
        double expected = (double) draws / table.size();
        double chiSquare = Arrays.stream(counts).mapToDouble(c -> (c - expected) * (c - expected) / expected).sum();
        // 599 degrees of freedom: mean 599, standard deviation about 35
        assertTrue(chiSquare < 800, "chi-square of query counts " + chiSquare);
    }

    @Test
    void tableRoundTripsThroughItsArrayForCheckpoints() {
        NeighbourTable restored = NeighbourTable.of(table.neighbours(), table.toArray());
        assertArrayEquals(table.toArray(), restored.toArray());
        assertArrayEquals(new NeighbourBatchSampler(table, 120, 5).batch(1, 1),
                new NeighbourBatchSampler(restored, 120, 5).batch(1, 1));
    }

    @Test
    void refusesBatchSizesThatAreNotMultiplesOfTheNeighbourCount() {
        assertThrows(IllegalArgumentException.class, () -> new NeighbourBatchSampler(table, 121, 0));
        assertThrows(IllegalArgumentException.class, () -> NeighbourTable.of(3, new int[] {0, 1, 9}));
    }
}
