package org.stml.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddingNetworkTest {

    private NDManager manager;
    private ParameterStore store;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
        manager.getEngine().setRandomSeed(1);
        store = new ParameterStore(manager, false);
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    /** A convnet network with a 512-wide pooled feature, like ResNet-18's. */
    private EmbeddingNetwork network(boolean smallHead) {
        EmbeddingNetwork network = EmbeddingNetwork.builder()
                .setBackbone(new ConvNet(BackboneOptions.builder().optWidth(64).build()))
                .optSmallHead(smallHead)
                .build();
        network.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
        return network;
    }

    @Test
    void studentReturnsGThenFAndTeacherReturnsGOnly() {
        EmbeddingNetwork student = network(true);
        EmbeddingNetwork teacher = network(false);
        NDArray images = manager.randomNormal(new Shape(3, 3, 16, 16));
        NDList studentOut = student.forward(store, new NDList(images), false);
        NDList teacherOut = teacher.forward(store, new NDList(images), false);
        assertEquals(2, studentOut.size());
        assertEquals(new Shape(3, 1024), studentOut.get(0).getShape());
        assertEquals(new Shape(3, 128), studentOut.get(1).getShape());
        assertEquals(1, teacherOut.size());
        assertEquals(new Shape(3, 1024), teacherOut.get(0).getShape());
        assertTrue(student.hasSmallHead());
        assertFalse(teacher.hasSmallHead());
        assertEquals(128, student.embeddingSize());
        assertEquals(1024, student.highDimSize());
        Shape[] declared = student.getOutputShapes(new Shape[] {new Shape(3, 3, 16, 16)});
        assertEquals(studentOut.get(0).getShape(), declared[0]);
        assertEquals(studentOut.get(1).getShape(), declared[1]);
    }

    @Test
    void gIsTheLinearMapOfGapPlusGmpOfTheBackboneFeatureMap() {
        EmbeddingNetwork student = network(true);
        NDArray images = manager.randomNormal(new Shape(2, 3, 16, 16));
        NDArray g = student.forward(store, new NDList(images), false).get(0);
        NDArray featureMap = student.getChildren().get("01backbone")
                .forward(store, new NDList(images), false)
                .singletonOrThrow();
        Shape shape = featureMap.getShape();
        NDArray flat = featureMap.reshape(shape.get(0), shape.get(1), shape.get(2) * shape.get(3));
        NDArray pooled = flat.mean(new int[] {2}).add(flat.max(new int[] {2}));
        NDArray weight = student.getParameters().get("02g_weight").getArray();
        NDArray bias = student.getParameters().get("02g_bias").getArray();
        NDArray expected = pooled.dot(weight.transpose()).add(bias);
        assertTrue(expected.sub(g).abs().max().getFloat() < 1e-4f);
    }

    @Test
    void headsAreOrthogonalWithZeroBias() {
        EmbeddingNetwork student = network(true);
        NDArray g = student.getParameters().get("02g_weight").getArray();
        NDArray f = student.getParameters().get("03f_weight").getArray();
        assertEquals(new Shape(1024, 512), g.getShape());
        assertEquals(new Shape(128, 512), f.getShape());
        assertTrue(g.transpose().dot(g).sub(manager.eye(512)).abs().max().getFloat() < 1e-5f);
        assertTrue(f.dot(f.transpose()).sub(manager.eye(128)).abs().max().getFloat() < 1e-5f);
        assertEquals(0f, student.getParameters().get("02g_bias").getArray().abs().max().getFloat());
        assertEquals(0f, student.getParameters().get("03f_bias").getArray().abs().max().getFloat());
    }

    @Test
    void gHeadPreservesPairwiseDistancesAtInit() {
        EmbeddingNetwork student = network(true);
        int n = 8;
        NDArray inputs = manager.randomNormal(new Shape(n, 512));
        NDArray outputs = student.getChildren().get("02g")
                .forward(store, new NDList(inputs), false)
                .singletonOrThrow();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double before = distance(inputs, i, j);
                double after = distance(outputs, i, j);
                assertEquals(before, after, before * 1e-4, "pair " + i + "," + j);
            }
        }
    }

    private static double distance(NDArray rows, int i, int j) {
        return rows.get(i).sub(rows.get(j)).norm().getFloat();
    }

    @Test
    void studentAndTeacherShareParameterNamesExceptTheFHead() {
        List<String> student = new ArrayList<>(network(true).getParameters().keys());
        List<String> teacher = network(false).getParameters().keys();
        assertTrue(student.contains("02g_weight"));
        assertTrue(student.get(0).startsWith("01backbone_"), student.get(0));
        assertEquals(List.of("03f_weight", "03f_bias"), student.subList(teacher.size(), student.size()));
        assertEquals(teacher, student.subList(0, teacher.size()));
    }

    @Test
    void headParametersAreExactlyThoseOfGAndF() {
        EmbeddingNetwork student = network(true);
        List<String> heads = new ArrayList<>();
        for (String name : student.getParameters().keys()) {
            if (student.isHeadParameter(name)) {
                heads.add(name);
            }
        }
        assertEquals(List.of("02g_weight", "02g_bias", "03f_weight", "03f_bias"), heads);
        assertFalse(student.isHeadParameter("01backbone_02g_weight"));
    }

    @Test
    void gradientsReachTheBackboneAndBothHeads() {
        EmbeddingNetwork student = network(true);
        NDArray images = manager.randomNormal(new Shape(4, 3, 16, 16));
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList out = student.forward(store, new NDList(images), true);
            collector.backward(out.get(0).sum().add(out.get(1).square().sum()));
        }
        for (String name : new String[] {"01backbone_01Conv2d_weight", "02g_weight", "03f_weight", "03f_bias"}) {
            NDArray gradient = student.getParameters().get(name).getArray().getGradient();
            assertTrue(gradient.abs().sum().getFloat() > 0, name);
        }
    }

    @Test
    void builderNeedsABackbone() {
        assertThrows(IllegalStateException.class, () -> EmbeddingNetwork.builder().build());
        assertThrows(IllegalArgumentException.class, () -> EmbeddingNetwork.builder().optEmbeddingSize(0));
    }
}
