package org.stml.model.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ParameterGroupsTest {

    private static final double LR = 0.1;
    private static final double EMB_LR = 1e-4;

    private static Map<String, Parameter> byName(TinyStudent student) {
        return student.getParameters().stream()
                .collect(Collectors.toMap(pair -> pair.getKey(), pair -> pair.getValue()));
    }

    private static ParameterGroups groups(TinyStudent student) {
        return ParameterGroups.split(student, name -> name.contains("head"), new CosineSchedule(LR, 10),
                new ConstantSchedule(EMB_LR));
    }

    @Test
    void headsAndBackboneGetTheirOwnGroupAndRunningStatisticsNone() {
        TinyStudent student = new TinyStudent();
        Map<String, Parameter> parameters = byName(student);
        ParameterGroups groups = groups(student);

        for (String name : List.of("01backbone_weight", "01backbone_bias", "02bn_gamma", "02bn_beta")) {
            assertEquals(Optional.of(ParameterGroups.BACKBONE), groups.groupOf(parameters.get(name).getId()), name);
        }
        for (String name : List.of("03head_weight", "03head_bias")) {
            assertEquals(Optional.of(ParameterGroups.HEADS), groups.groupOf(parameters.get(name).getId()), name);
        }
        for (String name : List.of("02bn_runningMean", "02bn_runningVar")) {
            String id = parameters.get(name).getId();
            assertEquals(Optional.empty(), groups.groupOf(id), name);
            assertThrows(IllegalArgumentException.class, () -> groups.getNewValue(id, 1));
        }
        assertEquals(List.of(ParameterGroups.BACKBONE, ParameterGroups.HEADS), List.copyOf(groups.groupNames()));
    }

    @Test
    void eachGroupFollowsItsOwnSchedulePerEpoch() {
        TinyStudent student = new TinyStudent();
        Map<String, Parameter> parameters = byName(student);
        ParameterGroups groups = groups(student);
        String backboneId = parameters.get("01backbone_weight").getId();
        String headId = parameters.get("03head_weight").getId();

        assertEquals(0, groups.getEpoch());
        assertEquals((float) LR, groups.getNewValue(backboneId, 1));
        assertEquals((float) EMB_LR, groups.getNewValue(headId, 1));

        groups.setEpoch(5);
        // the update count does not matter, only the epoch does
        assertEquals((float) (LR / 2), groups.getNewValue(backboneId, 1));
        assertEquals((float) (LR / 2), groups.getNewValue(backboneId, 1000));
        assertEquals((float) EMB_LR, groups.getNewValue(headId, 1000));
        assertEquals(LR / 2, groups.learningRate(ParameterGroups.BACKBONE), 1e-15);
        assertEquals(EMB_LR, groups.learningRate(ParameterGroups.HEADS));
        assertThrows(IllegalArgumentException.class, () -> groups.learningRate("other"));
        assertThrows(IllegalArgumentException.class, () -> groups.setEpoch(-1));
    }

    @Test
    void frozenParametersAreInNoGroup() {
        TinyStudent student = new TinyStudent();
        Parameter frozen = byName(student).get("01backbone_bias");
        frozen.freeze(true);
        ParameterGroups groups = groups(student);
        assertFalse(groups.groupOf(frozen.getId()).isPresent());
        assertTrue(groups.groupOf(byName(student).get("01backbone_weight").getId()).isPresent());
    }

    @Test
    void emptyGroupsAreRejected() {
        TinyStudent student = new TinyStudent();
        assertThrows(IllegalArgumentException.class, () -> ParameterGroups.split(student,
                name -> name.contains("no such head"), new ConstantSchedule(LR), new ConstantSchedule(EMB_LR)));
        assertThrows(IllegalArgumentException.class, () -> ParameterGroups.split(student,
                name -> true, new ConstantSchedule(LR), new ConstantSchedule(EMB_LR)));
    }
}
