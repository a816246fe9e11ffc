package org.stml.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StmlNetworksTest {

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private StmlNetworks.Builder convnet() {
        return StmlNetworks.builder()
                .setBackbone("convnet")
                .optBackboneOptions(BackboneOptions.builder().optWidth(8).build())
                .optHighDimSize(96)
                .optEmbeddingSize(16)
                .optImageSize(16, 16);
    }

    private static float[] values(Block block, String name) {
        return block.getParameters().get(name).getArray().toFloatArray();
    }

    private static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            values.put(entry.getKey(), entry.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private static void assertSameValues(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), actual.get(name), name);
        }
    }

    @Test
    void teacherIsInitialisedIndependently() {
        StmlNetworks networks = convnet().build(manager);
        assertEquals(TeacherInit.INDEPENDENT, networks.teacherInit());
        assertTrue(networks.student().hasSmallHead());
        assertFalse(networks.teacher().hasSmallHead());
        for (String name : new String[] {"02g_weight", "01backbone_01Conv2d_weight"}) {
            assertFalse(
                    Arrays.equals(values(networks.student(), name), values(networks.teacher(), name)),
                    name + " must differ");
        }
    }

    @Test
    void resnet18TeacherBackboneDiffersFromScratch() {
        StmlNetworks networks = StmlNetworks.builder()
                .setBackbone("resnet18")
                .optImageSize(32, 32)
                .build(manager);
        assertEquals(1024, networks.teacher().highDimSize());
        String conv = "01backbone_01SequentialBlock_01Conv2d_weight";
        assertFalse(Arrays.equals(values(networks.student(), conv), values(networks.teacher(), conv)));
        assertEquals(new Shape(1024, 512), networks.teacher().getParameters().get("02g_weight").getShape());
    }

    @Test
    void copyOptionMakesTheTeacherEqualToTheStudent() {
        StmlNetworks networks = convnet().optTeacherInit(TeacherInit.COPY_OF_STUDENT).build(manager);
        Map<String, float[]> student = snapshot(networks.student());
        student.remove("03f_weight");
        student.remove("03f_bias");
        assertSameValues(student, snapshot(networks.teacher()));
    }

    @Test
    void sameSeedBuildsIdenticalNetworks() {
        StmlNetworks first = convnet().optSeed(5).build(manager);
        StmlNetworks second = convnet().optSeed(5).build(manager);
        assertSameValues(snapshot(first.student()), snapshot(second.student()));
        assertSameValues(snapshot(first.teacher()), snapshot(second.teacher()));
        StmlNetworks other = convnet().optSeed(6).build(manager);
        assertFalse(Arrays.equals(values(first.student(), "02g_weight"), values(other.student(), "02g_weight")));
    }

    @Test
    void teacherIsFrozenAndAnEvalForwardLeavesItsRunningStatisticsAlone() {
        StmlNetworks networks = convnet().build(manager);
        for (Pair<String, Parameter> entry : networks.teacher().getParameters()) {
            assertFalse(entry.getValue().requiresGradient(), entry.getKey());
        }
        assertTrue(networks.student().getParameters().get("02g_weight").requiresGradient());
        Map<String, float[]> before = snapshot(networks.teacher());
        NDArray images = manager.randomNormal(2f, 3f, new Shape(4, 3, 16, 16), DataType.FLOAT32);
        NDList out = networks.teacher().forward(new ParameterStore(manager, false), new NDList(images), false);
        assertEquals(new Shape(4, 96), out.singletonOrThrow().getShape());
        assertSameValues(before, snapshot(networks.teacher()));
    }

    @Test
    void builderValidatesTheBackbone() {
        assertThrows(IllegalStateException.class, () -> StmlNetworks.builder().build(manager));
        assertThrows(
                IllegalArgumentException.class,
                () -> StmlNetworks.builder().setBackbone("nope").build(manager));
    }
}
