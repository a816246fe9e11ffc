package org.stml.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalizedMutualInformationTest {

    @Test
    void identicalPartitionsScoreOneWhateverTheLabelValues() {
        int[] classes = {5, 5, -3, -3, -3, 1_000_000, 7};
        int[] clusters = {0, 0, 1, 1, 1, 2, 3};
        assertEquals(1.0, NormalizedMutualInformation.compute(classes, clusters), 1e-12);
        assertEquals(1.0, NormalizedMutualInformation.compute(clusters, classes), 1e-12);
    }

    @Test
    void independentPartitionsScoreZero() {
        // i % 2 and (i / 2) % 2 over 0..7: every cell of the 2 × 2 contingency table holds 2, so MI = 0
        int[] parity = new int[8];
        int[] half = new int[8];
        for (int i = 0; i < 8; i++) {
            parity[i] = i % 2;
            half[i] = (i / 2) % 2;
        }
        assertEquals(0.0, NormalizedMutualInformation.compute(parity, half));
    }

    @Test
    void handComputedContingencyTable() {
        // a = 0 0 0 1 1 1, b = 0 0 1 1 2 2; n = 6; table rows a, columns b: [2 1 0; 0 1 2]
        // MI = 2/6 ln(6·2 / (3·2)) + 1/6 ln(6·1 / (3·2)) + 1/6 ln(1) + 2/6 ln(2) = (2/3) ln 2
        // H(a) = ln 2, H(b) = ln 3, NMI = (2/3) ln 2 / ((ln 2 + ln 3) / 2) = 4 ln 2 / (3 ln 6) ≈ 0.515803
        int[] a = {0, 0, 0, 1, 1, 1};
        int[] b = {0, 0, 1, 1, 2, 2};
        double expected = 4 * Math.log(2) / (3 * Math.log(6));
        assertEquals(expected, NormalizedMutualInformation.compute(a, b), 1e-12);
        assertEquals(expected, NormalizedMutualInformation.compute(b, a), 1e-12);
    }

    @Test
    void limitCasesFollowScikitLearn() {
        assertEquals(1.0, NormalizedMutualInformation.compute(new int[] {4, 4, 4}, new int[] {9, 9, 9}));
        assertEquals(0.0, NormalizedMutualInformation.compute(new int[] {4, 4, 4}, new int[] {0, 1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> NormalizedMutualInformation.compute(new int[] {1}, new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> NormalizedMutualInformation.compute(new int[0], new int[0]));
    }
}
