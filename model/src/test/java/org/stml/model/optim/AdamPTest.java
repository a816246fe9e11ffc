package org.stml.model.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stml.model.optim.ReferenceAdamP.View;

class AdamPTest {

    private static final float LR = 0.01f;
    private static final String ID = "p";

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** (a) 3×4 weight, gradient nearly parallel to every row: no projection; all defaults except the lr. */
    @Test
    void parallelGradientIsNotProjected() {
        float[] weight = {1, 2, 0, -1, 0.5f, 0.5f, 1, 0, -1, 0, 2, 1};
        List<float[]> grads = new ArrayList<>();
        for (float scale : new float[] {0.3f, 0.2f, 0.25f}) {
            float[] g = new float[weight.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = scale * weight[i] + 0.01f * (i % 3 - 1);
            }
            grads.add(g);
        }
        AdamP optimizer = AdamP.builder().optLearningRateTracker(Tracker.fixed(LR)).build();
        ReferenceAdamP reference = new ReferenceAdamP(new long[] {3, 4}, weight, LR, 1e-2, 0.1, 0.1, true, true);

        check(optimizer, reference, new Shape(3, 4), weight, grads, View.NONE);
    }

    /** (b) 3×4 weight with every row's gradient orthogonal to the row: the channel view projects. */
    @Test
    void orthogonalGradientIsProjectedPerChannel() {
        float[] weight = {1, 2, 0, 0, 0, 0, 3, 1, 2, 0, 0, -1};
        float[] g = {2, -1, 0, 0, 0, 0, 0.5f, -1.5f, 1, 0, 0, 2};
        List<float[]> grads = List.of(g, scaled(g, 0.8f), scaled(g, 1.2f));
        AdamP optimizer = AdamP.builder()
                .optLearningRateTracker(Tracker.fixed(LR))
                .optWeightDecays(0.1f)
                .optDelta(0.1f)
                .optWdRatio(0.2f)
                .build();
        ReferenceAdamP reference = new ReferenceAdamP(new long[] {3, 4}, weight, LR, 0.1, 0.1, 0.2, true, true);

        float[] result = check(optimizer, reference, new Shape(3, 4), weight, grads, View.CHANNEL);

        ReferenceAdamP unprojected =
                new ReferenceAdamP(new long[] {3, 4}, weight, LR, 0.1, 0.1, 0.2, true, false);
        grads.forEach(unprojected::step);
        assertTrue(maxAbsDifference(result, unprojected.weights()) > 1e-3,
                "projection must change the update versus plain AdamW-style Adam");
    }

    /** (b) without Nesterov: the direction is m / denom. */
    @Test
    void orthogonalGradientWithoutNesterov() {
        float[] weight = {1, 2, 0, 0, 0, 0, 3, 1, 2, 0, 0, -1};
        float[] g = {2, -1, 0, 0, 0, 0, 0.5f, -1.5f, 1, 0, 0, 2};
        List<float[]> grads = List.of(g, scaled(g, 0.5f), scaled(g, 1.5f));
        AdamP optimizer = AdamP.builder()
                .optLearningRateTracker(Tracker.fixed(LR))
                .optWeightDecays(0.1f)
                .optNesterov(false)
                .build();
        ReferenceAdamP reference = new ReferenceAdamP(new long[] {3, 4}, weight, LR, 0.1, 0.1, 0.1, false, true);

        check(optimizer, reference, new Shape(3, 4), weight, grads, View.CHANNEL);
    }

    /**
     * (c) 2×2×2 weight: each channel's gradient is parallel-ish to its channel (channel view fails) but the two
     * channel inner products cancel, so the layer view projects.
     */
    @Test
    void layerViewProjectsWhenChannelViewDoesNot() {
        float[] weight = {1, 0, 0.5f, 0, 0, 2, 0, 0.5f};
        float[] g = {2, 0, 0, 0, 0, -1, 0, 0};
        List<float[]> grads = List.of(g, g, g);
        AdamP optimizer = AdamP.builder().optLearningRateTracker(Tracker.fixed(LR)).optWeightDecays(0.1f).build();
        ReferenceAdamP reference = new ReferenceAdamP(new long[] {2, 2, 2}, weight, LR, 0.1, 0.1, 0.1, true, true);

        float[] result = check(optimizer, reference, new Shape(2, 2, 2), weight, grads, View.LAYER);

        ReferenceAdamP unprojected =
                new ReferenceAdamP(new long[] {2, 2, 2}, weight, LR, 0.1, 0.1, 0.1, true, false);
        grads.forEach(unprojected::step);
        assertTrue(maxAbsDifference(result, unprojected.weights()) > 1e-3);
    }

    /** (d) a bias with a gradient orthogonal to it is never projected, but is weight-decayed. */
    @Test
    void biasIsDecayedButNeverProjected() {
        float[] weight = {1, 2, -0.5f};
        float[] g = {2, -1, 0};
        List<float[]> grads = List.of(g, g, scaled(g, 2));
        AdamP optimizer = AdamP.builder().optLearningRateTracker(Tracker.fixed(LR)).optWeightDecays(0.5f).build();
        ReferenceAdamP reference = new ReferenceAdamP(new long[] {3}, weight, LR, 0.5, 0.1, 0.1, true, true);

        float[] result = check(optimizer, reference, new Shape(3), weight, grads, View.NONE);

        ReferenceAdamP undecayed = new ReferenceAdamP(new long[] {3}, weight, LR, 0, 0.1, 0.1, true, true);
        grads.forEach(undecayed::step);
        // the third element has a zero gradient: only the decay moves it
        assertTrue(result[2] > -0.5f + 1e-4, "weight decay must shrink the bias: " + result[2]);
        assertTrue(maxAbsDifference(result, undecayed.weights()) > 1e-4);
    }

    @Test
    void nanGradientIsClearedAndRescaleAndClipAreHonoured() {
        NDArray weight = manager.create(new float[] {1, 2, 3});
        NDArray grad = manager.create(new float[] {4, -8, 0.5f});
        AdamP optimizer = AdamP.builder()
                .optLearningRateTracker(Tracker.fixed(LR))
                .optWeightDecays(0)
                .setRescaleGrad(0.5f)
                .optClipGrad(1f)
                .optNesterov(false)
                .build();
        optimizer.update(ID, weight, grad);
        // g = clip(0.5·grad, ±1) = (1, −1, 0.25): the first Adam step is lr·sign(g) (up to ε)
        assertArrayEquals(new float[] {1 - LR, 2 + LR, 3 - LR}, weight.toFloatArray(), 1e-6f);
        assertArrayEquals(new float[3], grad.toFloatArray(), 0f);

        grad.set(new float[] {Float.NaN, Float.POSITIVE_INFINITY, 1});
        optimizer.update(ID, weight, grad);
        float[] cleared = grad.toFloatArray();
        for (float value : cleared) {
            assertEquals(0f, value, 0f, "gradient must be exactly zero even after NaN/Inf");
        }
    }

    @Test
    void builderRejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> AdamP.builder().optBeta1(1f));
        assertThrows(IllegalArgumentException.class, () -> AdamP.builder().optBeta2(-0.1f));
        assertThrows(IllegalArgumentException.class, () -> AdamP.builder().optEpsilon(0f));
        assertThrows(IllegalArgumentException.class, () -> AdamP.builder().optDelta(-1f));
        assertThrows(IllegalArgumentException.class, () -> AdamP.builder().optWdRatio(Float.NaN));
    }

    @Test
    void repeatedUpdatesDoNotLeakArrays() {
        try (NDManager sub = manager.newSubManager()) {
            NDArray weight = sub.randomNormal(new Shape(8, 3, 3, 3));
            NDArray bias = sub.randomNormal(new Shape(8));
            NDArray weightGrad = sub.zeros(weight.getShape());
            NDArray biasGrad = sub.zeros(bias.getShape());
            AdamP optimizer = AdamP.builder().optLearningRateTracker(Tracker.fixed(LR)).build();

            int afterFirst = -1;
            for (int step = 0; step < 200; step++) {
                // alternate gradients parallel and orthogonal to every channel, so both code paths run
                float[] w = weight.toFloatArray();
                weightGrad.set(step % 2 == 0 ? w : orthogonalPerRow(w, 8));
                biasGrad.set(new float[] {1, -1, 1, -1, 1, -1, 1, -1});
                optimizer.update("w", weight, weightGrad);
                optimizer.update("b", bias, biasGrad);
                if (step == 0) {
                    afterFirst = sub.getManagedArrays().size();
                }
            }
            assertEquals(afterFirst, sub.getManagedArrays().size(), "arrays leaked by AdamP.update");
            // weights and gradients; DJL's withDefaultState detaches the moments from the manager
            assertEquals(4, afterFirst);
            optimizer.close();
            assertThrows(IllegalStateException.class, () -> optimizer.update("w", weight, weightGrad));
        }
    }

    /**
     * Runs the DJL optimizer and the reference side by side; checks every step's weights, the expected projection
     * view in every step, that the gradient is zeroed and that the weight array stays the same object.
     */
    private float[] check(
            AdamP optimizer,
            ReferenceAdamP reference,
            Shape shape,
            float[] initial,
            List<float[]> grads,
            View expectedView) {
        NDArray weight = manager.create(initial, shape);
        NDArray original = weight;
        float[] actual = null;
        for (int step = 0; step < grads.size(); step++) {
            NDArray grad = manager.create(grads.get(step), shape);
            optimizer.update(ID, weight, grad);
            reference.step(grads.get(step));

            assertEquals(expectedView, reference.lastView(), "reference projection view at step " + (step + 1));
            actual = weight.toFloatArray();
            double[] expected = reference.weights();
            for (int i = 0; i < expected.length; i++) {
                double tolerance = 1e-6 * Math.max(1, Math.abs(expected[i]));
                assertEquals(expected[i], actual[i], tolerance, "step " + (step + 1) + ", element " + i);
            }
            assertArrayEquals(new float[initial.length], grad.toFloatArray(), 0f, "gradient not zeroed");
            assertSame(original, weight);
            grad.close();
        }
        return actual;
    }

    /** Returns, for each of the rows, the alternating ±1 vector with its component along that row removed. */
    private static float[] orthogonalPerRow(float[] weight, int rows) {
        int cols = weight.length / rows;
        float[] out = new float[weight.length];
        for (int r = 0; r < rows; r++) {
            double dot = 0;
            double norm2 = 0;
            for (int c = 0; c < cols; c++) {
                float w = weight[r * cols + c];
                dot += (c % 2 == 0 ? 1 : -1) * w;
                norm2 += w * w;
            }
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (float) ((c % 2 == 0 ? 1 : -1) - dot / norm2 * weight[r * cols + c]);
            }
        }
        return out;
    }

    private static float[] scaled(float[] values, float factor) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * factor;
        }
        return out;
    }

    private static double maxAbsDifference(float[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
