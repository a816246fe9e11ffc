package org.stml.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WeightSnapshotTest {

    private NDManager manager;
    private StmlNetworks networks;

    @BeforeEach
    void build() {
        manager = NDManager.newBaseManager();
        networks = StmlNetworks.builder()
                .setBackbone("convnet")
                .optBackboneOptions(BackboneOptions.builder().optWidth(8).build())
                .optHighDimSize(32)
                .optEmbeddingSize(8)
                .optImageSize(16, 16)
                .build(manager);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aReplicaTakesTheSnapshotsValuesAndKeepsThemWhenTheOriginalChanges() {
        EmbeddingNetwork replica = networks.newTeacherReplica(manager);
        Map<String, float[]> atSnapshot = values(networks.teacher());
        assertFalse(sameValues(atSnapshot, values(replica)), "a fresh replica has its own random weights");
        try (WeightSnapshot snapshot = WeightSnapshot.of(networks.teacher(), 7, manager)) {
            assertEquals(7, snapshot.version());
            for (Pair<String, Parameter> entry : networks.teacher().getParameters()) {
                entry.getValue().getArray().addi(1f);
            }
            snapshot.copyInto(replica);
        }
        assertTrue(sameValues(atSnapshot, values(replica)), "the replica holds the values at snapshot time");
        assertTrue(replica.getParameters().values().stream().noneMatch(Parameter::requiresGradient),
                "a replica is frozen");
    }

    @Test
    void closingFreesEveryCopy() {
        EmbeddingNetwork replica = networks.newStudentReplica(manager);
        long before = manager.getManagedArrays().size();
        for (int i = 0; i < 20; i++) {
            try (WeightSnapshot snapshot = WeightSnapshot.of(networks.student(), i, manager)) {
                snapshot.copyInto(replica);
            }
        }
        assertEquals(before, manager.getManagedArrays().size());
    }

    @Test
    void aSnapshotOfAnotherArchitectureIsRefusedWithTheParameterNamed() {
        EmbeddingNetwork studentShaped = networks.newStudentReplica(manager);
        try (WeightSnapshot teacher = WeightSnapshot.of(networks.teacher(), 0, manager)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> teacher.copyInto(studentShaped));
            assertTrue(error.getMessage().contains("missing"), error.getMessage());
        }
    }

    private static Map<String, float[]> values(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            values.put(entry.getKey(), entry.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private static boolean sameValues(Map<String, float[]> expected, Map<String, float[]> actual) {
        return expected.keySet().equals(actual.keySet())
                && expected.keySet().stream().allMatch(name -> Arrays.equals(expected.get(name), actual.get(name)));
    }
}
