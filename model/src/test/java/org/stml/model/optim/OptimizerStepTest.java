package org.stml.model.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OptimizerStepTest {

    private static final Shape INPUT = new Shape(5, 4);
    private static final double LR = 0.1;
    private static final double EMB_LR = 1e-4;

    private NDManager manager;
    private TinyStudent student;
    private Map<String, Parameter> parameters;
    private ParameterGroups groups;

    @BeforeEach
    void setUp() {
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
        student = new TinyStudent();
        student.initialize(manager, DataType.FLOAT32, INPUT);
        parameters = student.getParameters().stream()
                .collect(Collectors.toMap(pair -> pair.getKey(), pair -> pair.getValue()));
        groups = ParameterGroups.split(student, name -> name.contains("head"), new CosineSchedule(LR, 10),
                new ConstantSchedule(EMB_LR));
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /** Forward on a small batch (varied by {@code seed}), loss = sum of the outputs, backward; temporaries closed. */
    private void backward(int seed) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            float[] values = {1, -2, 0.5f, 3, -1, 0, 2, 1, -0.5f, 1.5f, 0, -3, 2, 2, -1, 0.25f, 1, -1, 0, 4};
            NDArray x = manager.create(values, INPUT).addi(0.1f * (seed % 3));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = student.forward(new ParameterStore(manager, false), new NDList(x), true);
                collector.backward(out.singletonOrThrow().sum());
            }
        }
    }

    @Test
    void everyTrainableParameterIsUpdatedWithItsGroupLearningRate() {
        RecordingOptimizer recorder = new RecordingOptimizer(groups);
        groups.setEpoch(5);
        backward(0);

        assertEquals(6, OptimizerStep.apply(student, recorder));

        Map<String, Float> expected = new LinkedHashMap<>();
        for (String name : new String[] {"01backbone_weight", "01backbone_bias", "02bn_gamma", "02bn_beta"}) {
            expected.put(parameters.get(name).getId(), (float) (LR / 2));
        }
        for (String name : new String[] {"03head_weight", "03head_bias"}) {
            expected.put(parameters.get(name).getId(), (float) EMB_LR);
        }
        assertEquals(expected, recorder.learningRates);
        // the arrays handed over are the parameters' own arrays
        for (Parameter parameter : parameters.values()) {
            if (expected.containsKey(parameter.getId())) {
                assertSame(parameter.getArray(), recorder.weights.get(parameter.getId()));
            }
        }
    }

    @Test
    void adamPStepUsesGroupRatesKeepsArraysAndZeroesGradients() {
        AdamP adamP = AdamP.builder().optLearningRateTracker(groups).optWeightDecays(0f).build();
        Map<String, NDArray> arrays = new HashMap<>();
        Map<String, float[]> before = new HashMap<>();
        parameters.forEach((name, p) -> {
            arrays.put(name, p.getArray());
            before.put(name, p.getArray().toFloatArray());
        });
        backward(0);
        float[] headBiasGrad;
        float[] bnBetaGrad;
        try (NDArray g = parameters.get("03head_bias").getArray().getGradient();
                NDArray h = parameters.get("02bn_beta").getArray().getGradient()) {
            headBiasGrad = g.toFloatArray();
            bnBetaGrad = h.toFloatArray();
        }

        OptimizerStep.apply(student, adamP);

        // first AdamP step of a 1-D parameter without weight decay: Δ = −lr·(1 + β1)·g / (|g| + ε)
        assertFirstStep(before.get("03head_bias"), headBiasGrad, EMB_LR, parameters.get("03head_bias"));
        assertFirstStep(before.get("02bn_beta"), bnBetaGrad, LR, parameters.get("02bn_beta"));
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            NDArray array = entry.getValue().getArray();
            assertSame(arrays.get(entry.getKey()), array, entry.getKey());
            if (OptimizerStep.isTrainable(entry.getValue())) {
                try (NDArray gradient = array.getGradient()) {
                    assertArrayEquals(new float[(int) array.size()], gradient.toFloatArray(), 0f, entry.getKey());
                }
            }
        }
        // the optimizer never touches the running statistics
        float[] runningMean = parameters.get("02bn_runningMean").getArray().toFloatArray();
        OptimizerStep.apply(student, adamP);
        assertArrayEquals(runningMean, parameters.get("02bn_runningMean").getArray().toFloatArray(), 0f);
        adamP.close();
    }

    @Test
    void trainingLoopInsideScopesDoesNotLeak() {
        AdamP adamP = AdamP.builder().optLearningRateTracker(groups).build();
        int afterFirst = -1;
        for (int step = 0; step < 200; step++) {
            // the whole step inside one scope: the optimizer's moments must survive it
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                backward(step);
                OptimizerStep.apply(student, adamP);
            }
            if (step == 0) {
                afterFirst = manager.getManagedArrays().size();
            }
        }
        assertEquals(afterFirst, manager.getManagedArrays().size(), "arrays leaked by the training step");
        for (Parameter parameter : parameters.values()) {
            for (float value : parameter.getArray().toFloatArray()) {
                assertTrue(Float.isFinite(value), parameter.getName());
            }
        }
        adamP.close();
    }

    private static void assertFirstStep(float[] before, float[] grad, double lr, Parameter parameter) {
        float[] after = parameter.getArray().toFloatArray();
        for (int i = 0; i < before.length; i++) {
            double expected = before[i] - lr * 1.9 * grad[i] / (Math.abs(grad[i]) + 1e-8);
            String element = parameter.getName() + "[" + i + "]";
            assertEquals(expected, after[i], 1e-6 * Math.max(1, Math.abs(expected)), element);
        }
        for (float g : grad) {
            assertTrue(Math.abs(g) > 1e-3, "test needs sizeable gradients: " + g);
        }
    }

    /** Records the learning rate the tracker gives each updated parameter, and the array it was handed. */
    private static final class RecordingOptimizer extends Optimizer {

        private final ParameterTracker tracker;
        private final Map<String, Float> learningRates = new LinkedHashMap<>();
        private final Map<String, NDArray> weights = new HashMap<>();

        RecordingOptimizer(ParameterTracker tracker) {
            super(new Builder());
            this.tracker = tracker;
        }

        @Override
        public void update(String parameterId, NDArray weight, NDArray grad) {
            learningRates.put(parameterId, tracker.getNewValue(parameterId, updateCount(parameterId)));
            weights.put(parameterId, weight);
        }

        private static final class Builder extends OptimizerBuilder<Builder> {
            @Override
            protected Builder self() {
                return this;
            }
        }
    }
}
