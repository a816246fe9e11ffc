package org.stml.model.ema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MomentumScheduleTest {

    @Test
    void constantIsConstant() {
        MomentumSchedule schedule = MomentumSchedule.constant(0.999);
        assertEquals(0.999, schedule.momentum(0));
        assertEquals(0.999, schedule.momentum(2_160));
        assertEquals(0.999, schedule.momentum(4_320));
    }

    @Test
    void cosineRisesFromBaseToOne() {
        MomentumSchedule schedule = MomentumSchedule.cosine(0.99, 1000);
        assertEquals(0.99, schedule.momentum(0), 1e-15);
        assertEquals(0.995, schedule.momentum(500), 1e-15);
        assertEquals(1.0, schedule.momentum(1000), 1e-15);
        assertEquals(1.0, schedule.momentum(5000), 1e-15);
        assertEquals(1 - 0.01 * (Math.cos(Math.PI / 4) + 1) / 2, schedule.momentum(250), 1e-15);
    }

    @Test
    void rejectsInvalidArguments() {
        assertThrows(IllegalArgumentException.class, () -> MomentumSchedule.constant(1.5));
        assertThrows(IllegalArgumentException.class, () -> MomentumSchedule.constant(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> MomentumSchedule.cosine(-0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> MomentumSchedule.cosine(0.9, 0));
    }
}
