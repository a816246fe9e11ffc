package org.stml.model.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stml.model.golden.GoldenBatch;
import org.stml.model.golden.GoldenCase;
import org.stml.model.similarity.ContextualSimilarity;

class StmlLossGoldenTest {

    private static final double RELATIVE_TOLERANCE = 1e-4;

    private NDManager manager;

    static GoldenCase[] cases() {
        return new GoldenCase[] {GoldenCase.caseA(), GoldenCase.caseB()};
    }

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reproducesGoldenLossesAndGradients(GoldenCase golden) {
        NDArray target = ContextualSimilarity.builder()
                .optNumNeighbors(golden.numNeighbors())
                .build()
                .compute(GoldenBatch.teacher(manager), GoldenBatch.datasetIndex(manager));
        NDArray high = GoldenBatch.studentHigh(manager);
        NDArray low = GoldenBatch.studentLow(manager);
        high.setRequiresGradient(true);
        low.setRequiresGradient(true);
        StmlLoss loss = new StmlLoss(golden.margin());
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            StmlLoss.Terms terms = loss.terms(high, low, target);
            assertRelativelyClose(golden.contrastiveLow(), terms.contrastiveLow().getFloat(), "L_RC(f)");
            assertRelativelyClose(golden.contrastiveHigh(), terms.contrastiveHigh().getFloat(), "L_RC(g)");
            assertRelativelyClose(golden.distillation(), terms.distillation().getFloat(), "KL");
            assertRelativelyClose(golden.total(), terms.total().getFloat(), "total");
            collector.backward(terms.total());
        }
        assertRelativelyClose(golden.gradientLow(), firstRow(low.getGradient()), "dL/ds_f[0]");
        assertRelativelyClose(golden.gradientHigh(), firstRow(high.getGradient()), "dL/ds_g[0]");
    }

    @Test
    void evaluateAsDjlLossEqualsTheTotalTerm() {
        GoldenCase golden = GoldenCase.caseA();
        NDArray target = ContextualSimilarity.builder().optNumNeighbors(2).build()
                .compute(GoldenBatch.teacher(manager), GoldenBatch.datasetIndex(manager));
        NDArray total = new StmlLoss(golden.margin()).evaluate(new NDList(target),
                new NDList(GoldenBatch.studentHigh(manager), GoldenBatch.studentLow(manager)));
        assertRelativelyClose(golden.total(), total.getFloat(), "total");
    }

    @Test
    void zeroDistancesHaveZeroNotNanGradient() {
        // rows 0 and 1 are identical: their distance is exactly 0, as is every diagonal entry
        NDArray embeddings = manager.create(new float[] {1, 2, 1, 2, 0, 1, 3, -1}, new Shape(4, 2));
        embeddings.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray relative = RelativeDistances.of(embeddings);
            assertEquals(0f, relative.getFloat(0, 1), 0f);
            assertEquals(0f, relative.getFloat(2, 2), 0f);
            collector.backward(relative.sum());
        }
        for (float g : embeddings.getGradient().toFloatArray()) {
            assertTrue(Float.isFinite(g), "gradient must be finite, got " + g);
        }
    }

    @Test
    void relativeDistancesAreScaleInvariantAndDivideByAllNEntries() {
        NDArray embeddings = manager.randomNormal(new Shape(10, 5));
        float[] relative = RelativeDistances.of(embeddings).toFloatArray();
        float[] scaled = RelativeDistances.of(embeddings.mul(37f)).toFloatArray();
        for (int i = 0; i < relative.length; i++) {
            assertEquals(relative[i], scaled[i], 1e-4);
        }
        for (int row = 0; row < 10; row++) {
            double mean = 0;
            for (int column = 0; column < 10; column++) {
                mean += relative[row * 10 + column] / 10.0;
            }
            assertEquals(1.0, mean, 1e-5, "row mean over N entries including the diagonal");
        }
    }

    private static float[] firstRow(NDArray matrix) {
        return Arrays.copyOf(matrix.toFloatArray(), Math.toIntExact(matrix.getShape().get(1)));
    }

    private static void assertRelativelyClose(double expected, float actual, String what) {
        assertEquals(expected, actual, RELATIVE_TOLERANCE * Math.abs(expected), what);
    }

    private static void assertRelativelyClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.abs(expected[i]);
            assertEquals(expected[i], actual[i], RELATIVE_TOLERANCE * scale, what + " entry " + i);
        }
    }
}
