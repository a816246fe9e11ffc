package org.stml.model.tensor;

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
import org.stml.model.nn.BackboneOptions;
import org.stml.model.nn.EmbeddingNetwork;
import org.stml.model.nn.StmlNetworks;

class HostWeightsTest {

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
    void aReplicaTakesTheCopiedValuesAndKeepsThemWhenTheOriginalChanges() {
        EmbeddingNetwork replica = networks.newTeacherReplica(manager);
        Map<String, float[]> atSnapshot = values(networks.teacher());
        assertFalse(sameValues(atSnapshot, values(replica)), "a fresh replica has its own random weights");
        HostWeights weights = HostWeights.of(networks.teacher(), 7);
        assertEquals(7, weights.version());
        for (Pair<String, Parameter> entry : networks.teacher().getParameters()) {
            entry.getValue().getArray().addi(1f);
        }
        weights.copyInto(replica);
        assertTrue(sameValues(atSnapshot, values(replica)), "the replica holds the values at copy time");
        assertTrue(replica.getParameters().values().stream().noneMatch(Parameter::requiresGradient),
                "a replica is frozen");
    }

    @Test
    void copyingToAndFromTheHostLeavesNoNativeArrayBehind() {
        EmbeddingNetwork replica = networks.newStudentReplica(manager);
        long before = manager.getManagedArrays().size();
        for (int i = 0; i < 20; i++) {
            HostWeights.of(networks.student(), i).copyInto(replica);
        }
        assertEquals(before, manager.getManagedArrays().size());
        assertTrue(sameValues(values(networks.student()), values(replica)));
    }

    @Test
    void theCopyHoldsEveryParameterIncludingBatchNormStatistics() {
        HostWeights weights = HostWeights.of(networks.student(), 0);
        assertEquals(networks.student().getParameters().size(), weights.names().length);
        assertTrue(Arrays.stream(weights.names()).anyMatch(name -> name.contains("runningMean")),
                Arrays.toString(weights.names()));
        long floats = networks.student().getParameters().values().stream()
                .mapToLong(parameter -> parameter.getArray().size()).sum();
        assertEquals(4 * floats, weights.payloadBytes());
    }

    @Test
    void weightsOfAnotherArchitectureAreRefusedWithTheParameterNamed() {
        EmbeddingNetwork studentShaped = networks.newStudentReplica(manager);
        HostWeights teacher = HostWeights.of(networks.teacher(), 0);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> teacher.copyInto(studentShaped));
        assertTrue(error.getMessage().contains("do not fit"), error.getMessage());
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
