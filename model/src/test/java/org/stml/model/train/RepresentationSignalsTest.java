package org.stml.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class RepresentationSignalsTest {

    @Test
    void spreadIsZeroForACollapsedBatchAndRootTwoForOrthogonalRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] same = {3, 4, 0, 6, 8, 0, 0.3f, 0.4f, 0};
            assertEquals(0, RepresentationSignals.embeddingSpread(manager.create(same, new Shape(3, 3))), 1e-3);
            assertEquals(Math.sqrt(2), RepresentationSignals.embeddingSpread(manager.eye(4).mul(5f)), 1e-5);
            // two opposite rows and one orthogonal: distances 2, √2, √2 (each counted both ways)
            float[] mixed = {1, 0, -1, 0, 0, 1};
            assertEquals((2 + 2 * Math.sqrt(2)) / 3,
                    RepresentationSignals.embeddingSpread(manager.create(mixed, new Shape(3, 2))), 1e-5);
        }
    }

    @Test
    void entropyIsOneForCoinFlipLabelsZeroForSureOnesAndTheBinaryEntropyBetween() {
        float[] coinFlips = {1, 0.5f, 0.5f, 0.5f, 1, 0.5f, 0.5f, 0.5f, 1};
        assertEquals(1, RepresentationSignals.pseudoLabelEntropy(coinFlips, 3), 1e-9);
        float[] allPositive = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertEquals(0, RepresentationSignals.pseudoLabelEntropy(allPositive, 3), 1e-9, "collapse");
        float[] separated = {1, 1, 0, 1, 1, 0, 0, 0, 1};
        assertEquals(0, RepresentationSignals.pseudoLabelEntropy(separated, 3), 1e-9, "sure labels either way");
        float[] quarter = {0.9f, 0.25f, 0.25f, 0.25f};
        double expected = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)) / Math.log(2);
        assertEquals(expected, RepresentationSignals.pseudoLabelEntropy(quarter, 2), 1e-7, "the diagonal is ignored");
        assertThrows(IllegalArgumentException.class, () -> RepresentationSignals.pseudoLabelEntropy(new float[4], 3));
    }
}
