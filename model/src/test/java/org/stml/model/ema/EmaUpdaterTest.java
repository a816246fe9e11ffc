package org.stml.model.ema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stml.model.nn.BackboneOptions;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;

class EmaUpdaterTest {

    private NDManager manager;
    private EmbeddingNetwork student;
    private EmbeddingNetwork teacher;

    @BeforeEach
    void buildNetworks() {
        manager = NDManager.newBaseManager();
        StmlNetworks networks = networks(96);
        student = networks.student();
        teacher = networks.teacher();
        // a training forward moves the student's BN running statistics away from the teacher's (0 and 1)
        NDArray images = manager.randomNormal(1f, 2f, new Shape(4, 3, 16, 16), DataType.FLOAT32);
        student.forward(new ParameterStore(manager, false), new NDList(images), true);
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private StmlNetworks networks(int highDimSize) {
        return StmlNetworks.builder()
                .setBackbone("convnet")
                .optBackboneOptions(BackboneOptions.builder().optWidth(8).build())
                .optHighDimSize(highDimSize)
                .optEmbeddingSize(16)
                .optImageSize(16, 16)
                .build(manager);
    }

    private static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            values.put(entry.getKey(), entry.getValue().getArray().toFloatArray());
        }
        return values;
    }

    /** (t − s)·m + s element-wise in Java float arithmetic, the op order of the in-place update. */
    private static float[] reference(float[] teacherValues, float[] studentValues, float m) {
        float[] out = new float[teacherValues.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (teacherValues[i] - studentValues[i]) * m + studentValues[i];
        }
        return out;
    }

    @Test
    void updateEqualsTheJavaFloatReferenceExactlyIncludingRunningStatistics() {
        EmaUpdater updater = EmaUpdater.builder()
                .setTeacher(teacher)
                .setStudent(student)
                .optSchedule(MomentumSchedule.constant(0.999))
                .build();
        Map<String, float[]> teacherBefore = snapshot(teacher);
        Map<String, float[]> studentBefore = snapshot(student);
        assertEquals(0.999, updater.update(0));
        Map<String, float[]> teacherAfter = snapshot(teacher);
        int runningStatistics = 0;
        for (ParameterPair pair : updater.pairs().pairs()) {
            float[] expected = reference(
                    teacherBefore.get(pair.name()), studentBefore.get(pair.name()), (float) 0.999);
            assertArrayEquals(expected, teacherAfter.get(pair.name()), 0f, pair.name());
            if (pair.isRunningStatistic()) {
                runningStatistics++;
                assertFalse(
                        Arrays.equals(teacherBefore.get(pair.name()), teacherAfter.get(pair.name())),
                        pair.name() + " must move towards the student");
            }
        }
        assertEquals(8, runningStatistics, "4 BN layers × (mean, variance)");
        assertEquals(teacherBefore.keySet(), teacherAfter.keySet());
        assertEquals(teacherBefore.size(), updater.pairs().pairs().size());
    }

    @Test
    void theFHeadIsSkippedAndTheStudentIsNotTouched() {
        EmaUpdater updater = EmaUpdater.builder().setTeacher(teacher).setStudent(student).build();
        assertEquals(List.of("03f_weight", "03f_bias"), updater.pairs().studentOnlyNames());
        Map<String, float[]> studentBefore = snapshot(student);
        updater.updateWithMomentum(0.5);
        Map<String, float[]> studentAfter = snapshot(student);
        for (String name : studentBefore.keySet()) {
            assertArrayEquals(studentBefore.get(name), studentAfter.get(name), 0f, name);
        }
    }

    @Test
    void updateInsideAGradientCollectorRecordsNoHistory() {
        EmaUpdater updater = EmaUpdater.builder().setTeacher(teacher).setStudent(student).build();
        NDArray studentWeight = student.getParameters().get("02g_weight").getArray();
        NDArray teacherWeight = teacher.getParameters().get("02g_weight").getArray();
        assertTrue(studentWeight.hasGradient());
        float[] teacherBefore = teacherWeight.toFloatArray();
        float[] studentValues = studentWeight.toFloatArray();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            updater.updateWithMomentum(0.75);
            // d/ds Σ t·s = t if t carries no history; it would be t + (1 − m)·s if the update were recorded
            collector.backward(teacherWeight.mul(studentWeight).sum());
        }
        float[] teacherAfter = teacherWeight.toFloatArray();
        assertArrayEquals(reference(teacherBefore, studentValues, 0.75f), teacherAfter, 0f);
        assertArrayEquals(teacherAfter, studentWeight.getGradient().toFloatArray(), 0f);
    }

    @Test
    void fiveHundredUpdatesLeaveNoArrayBehind() {
        EmaUpdater updater = EmaUpdater.builder()
                .setTeacher(teacher)
                .setStudent(student)
                .optSchedule(MomentumSchedule.cosine(0.99, 500))
                .build();
        int before = manager.getManagedArrays().size();
        for (long step = 0; step < 500; step++) {
            updater.update(step);
        }
        updater.pairs().trainableDistance();
        assertEquals(before, manager.getManagedArrays().size());
    }

    @Test
    void distanceShrinksByTheMomentumAndVanishesAfterACopy() {
        EmaUpdater updater = EmaUpdater.builder().setTeacher(teacher).setStudent(student).build();
        double expected = 0;
        Map<String, float[]> studentValues = snapshot(student);
        Map<String, float[]> teacherValues = snapshot(teacher);
        for (ParameterPair pair : updater.pairs().pairs()) {
            if (!pair.isRunningStatistic()) {
                float[] t = teacherValues.get(pair.name());
                float[] s = studentValues.get(pair.name());
                for (int i = 0; i < t.length; i++) {
                    expected += (double) (t[i] - s[i]) * (t[i] - s[i]);
                }
            }
        }
        double distance = updater.pairs().trainableDistance();
        assertEquals(Math.sqrt(expected), distance, distance * 1e-5);
        updater.updateWithMomentum(0.9);
        assertEquals(0.9 * distance, updater.pairs().trainableDistance(), distance * 1e-4);
        updater.pairs().copyStudentToTeacher();
        assertEquals(0.0, updater.pairs().trainableDistance());
    }

    @Test
    void pairingFailuresNameTheEntry() {
        IllegalStateException missing = assertThrows(
                IllegalStateException.class,
                () -> EmaUpdater.builder().setTeacher(student).setStudent(teacher).build());
        assertTrue(missing.getMessage().contains("03f_weight"), missing.getMessage());
        EmbeddingNetwork narrower = networks(64).student();
        IllegalStateException shape = assertThrows(
                IllegalStateException.class,
                () -> EmaUpdater.builder().setTeacher(teacher).setStudent(narrower).build());
        assertTrue(shape.getMessage().contains("02g_weight"), shape.getMessage());
        assertThrows(IllegalStateException.class, () -> EmaUpdater.builder().setTeacher(teacher).build());
    }

    @Test
    void rejectsMomentaOutsideTheUnitInterval() {
        EmaUpdater updater = EmaUpdater.builder().setTeacher(teacher).setStudent(student).build();
        assertThrows(IllegalArgumentException.class, () -> updater.updateWithMomentum(1.01));
        assertThrows(IllegalArgumentException.class, () -> updater.updateWithMomentum(-0.5));
    }
}
