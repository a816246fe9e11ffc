package org.stml.model.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void cosineAnnealsToZeroOverTheRun() {
        CosineSchedule schedule = new CosineSchedule(0.1, 10);
        assertEquals(0.1, schedule.learningRate(0), 1e-15);
        assertEquals(0.05, schedule.learningRate(5), 1e-15);
        // e = T − 1: 0.1 · ½ · (1 + cos(0.9π))
        assertEquals(0.0024471741852423235, schedule.learningRate(9), 1e-15);
        assertEquals(0.0, schedule.learningRate(10));
        assertEquals(0.0, schedule.learningRate(11));
        for (int e = 1; e < 10; e++) {
            assertTrue(schedule.learningRate(e) < schedule.learningRate(e - 1), "not decreasing at " + e);
        }
    }

    @Test
    void constantIsConstant() {
        ConstantSchedule schedule = new ConstantSchedule(1e-4);
        assertEquals(1e-4, schedule.learningRate(0));
        assertEquals(1e-4, schedule.learningRate(37));
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(-0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0.1, 10).learningRate(-1));
        assertThrows(IllegalArgumentException.class, () -> new ConstantSchedule(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ConstantSchedule(1e-4).learningRate(-1));
    }
}
