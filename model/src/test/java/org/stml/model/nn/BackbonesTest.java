package org.stml.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BackbonesTest {

    private static final BackboneOptions IMAGENET = BackboneOptions.builder().optStem(Stem.IMAGENET).build();
    private static final BackboneOptions CIFAR = BackboneOptions.builder().optStem(Stem.CIFAR).build();

    private static NDManager manager;
    private static Backbone resnet18;
    private static Backbone resnet50;

    @BeforeAll
    static void buildResNets() {
        manager = NDManager.newBaseManager();
        manager.getEngine().setRandomSeed(0);
        resnet18 = initialized(Backbones.create("resnet18", IMAGENET), 32);
        resnet50 = initialized(Backbones.create("resnet50", IMAGENET), 32);
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    private static Backbone initialized(Backbone backbone, int size) {
        backbone.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
        return backbone;
    }

    private static Shape forwardShape(Backbone backbone, int batch, int size) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray images = scope.randomNormal(new Shape(batch, 3, size, size));
            NDList out = backbone.block().forward(new ParameterStore(scope, false), new NDList(images), false);
            return out.singletonOrThrow().getShape();
        }
    }

    @Test
    void resnet18HasTheTorchvisionTrunkParameterCount() {
        assertEquals(11_176_512L, ParameterCounts.trainable(resnet18.block()));
        assertEquals(512, resnet18.featureChannels());
        assertEquals("resnet18", resnet18.name());
    }

    @Test
    void resnet50HasTheTorchvisionTrunkParameterCount() {
        assertEquals(23_508_032L, ParameterCounts.trainable(resnet50.block()));
        assertEquals(2048, resnet50.featureChannels());
        assertEquals("resnet50", resnet50.name());
    }

    @Test
    void resnet18CifarStemOnlyChangesTheFirstConvolution() {
        Backbone cifar = initialized(Backbones.create("resnet18", CIFAR), 32);
        long stemDifference = 64L * 3 * 7 * 7 - 64L * 3 * 3 * 3;
        assertEquals(11_176_512L - stemDifference, ParameterCounts.trainable(cifar.block()));
    }

    @Test
    void resnet18FeatureMapsForBothStems() {
        assertEquals(new Shape(1, 512, 7, 7), forwardShape(resnet18, 1, 224));
        assertEquals(new Shape(2, 512, 1, 1), forwardShape(resnet18, 2, 32));
        Backbone cifar = initialized(Backbones.create("resnet18", CIFAR), 32);
        assertEquals(new Shape(2, 512, 4, 4), forwardShape(cifar, 2, 32));
        assertEquals(new Shape(1, 512, 28, 28), cifar.block().getOutputShapes(new Shape[] {new Shape(1, 3, 224, 224)})[0]);
    }

    @Test
    void resnet50FeatureMapsForBothStems() {
        assertEquals(new Shape(1, 2048, 7, 7), forwardShape(resnet50, 1, 224));
        assertEquals(new Shape(2, 2048, 1, 1), forwardShape(resnet50, 2, 32));
        Backbone cifar = initialized(Backbones.create("resnet50", CIFAR), 32);
        assertEquals(new Shape(1, 2048, 4, 4), forwardShape(cifar, 1, 32));
    }

    @Test
    void convNetFeatureMaps() {
        Backbone convnet = Backbones.create("convnet", BackboneOptions.builder().optWidth(8).build());
        initialized(convnet, 16);
        assertEquals(64, convnet.featureChannels());
        assertEquals(new Shape(3, 64, 2, 2), forwardShape(convnet, 3, 16));
        assertEquals(new Shape(3, 64, 4, 4), forwardShape(convnet, 3, 32));
        Backbone standard = Backbones.create("convnet", BackboneOptions.defaults());
        assertEquals(256, standard.featureChannels());
    }

    @Test
    void convolutionsAreKaimingFanOutAndBatchNormStartsAtIdentity() {
        Parameter deepConv = lastParameter(resnet18.block(), Parameter.Type.WEIGHT);
        assertEquals(new Shape(512, 512, 3, 3), deepConv.getArray().getShape());
        double expectedStd = Math.sqrt(2.0 / (512 * 3 * 3));
        double std = standardDeviation(deepConv.getArray().toFloatArray());
        assertEquals(expectedStd, std, expectedStd * 0.02);
        for (Pair<String, Parameter> entry : resnet18.block().getParameters()) {
            Parameter p = entry.getValue();
            if (p.getType() == Parameter.Type.GAMMA || p.getType() == Parameter.Type.RUNNING_VAR) {
                assertEquals(1f, p.getArray().min().getFloat(), entry.getKey());
                assertEquals(1f, p.getArray().max().getFloat(), entry.getKey());
            } else if (p.getType() == Parameter.Type.BETA || p.getType() == Parameter.Type.RUNNING_MEAN) {
                assertEquals(0f, p.getArray().abs().max().getFloat(), entry.getKey());
            }
        }
    }

    private static double standardDeviation(float[] values) {
        double sum = 0;
        double squares = 0;
        for (float v : values) {
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / values.length;
        return Math.sqrt(squares / values.length - mean * mean);
    }

    private static Parameter lastParameter(Block block, Parameter.Type type) {
        Parameter last = null;
        for (Parameter p : block.getParameters().values()) {
            if (p.getType() == type) {
                last = p;
            }
        }
        return last;
    }

    @Test
    void unknownNameListsTheKnownBackbones() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Backbones.create("vgg16", IMAGENET));
        assertTrue(e.getMessage().contains("vgg16"), e.getMessage());
        for (String name : new String[] {"resnet18", "resnet50", "convnet"}) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }
}
