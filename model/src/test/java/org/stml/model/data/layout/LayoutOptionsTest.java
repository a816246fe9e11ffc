package org.stml.model.data.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LayoutOptionsTest {

    @Test
    void defaultsTrainTheFirstHalf() {
        LayoutOptions options = LayoutOptions.defaults();
        assertEquals(5, options.trainClassCount(10));
        assertEquals(2, options.trainClassCount(5));
        assertEquals(1, options.trainClassCount(1));
        assertTrue(options.trainClasses().isEmpty());
        assertEquals(OmniglotSplit.ALTERNATE_CHARACTERS, options.omniglotSplit());
        assertFalse(options.heldOutFromTrainFolder());
    }

    @Test
    void anExplicitCountOverridesTheFraction() {
        LayoutOptions options = LayoutOptions.builder().optTrainFraction(0.9).optTrainClasses(3).build();
        assertEquals(3, options.trainClassCount(10));
        assertEquals(3, options.trainClassCount(2));
    }

    @Test
    void fractionsRoundDownWithoutFloatingPointSurprises() {
        assertEquals(7, LayoutOptions.builder().optTrainFraction(0.7).build().trainClassCount(10));
        assertEquals(29, LayoutOptions.builder().optTrainFraction(0.29).build().trainClassCount(100));
        assertEquals(3, LayoutOptions.builder().optTrainFraction(0.75).build().trainClassCount(5));
        assertEquals(4, LayoutOptions.builder().optTrainFraction(1).build().trainClassCount(4));
    }

    @Test
    void invalidValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LayoutOptions.builder().optTrainClasses(0));
        assertThrows(IllegalArgumentException.class, () -> LayoutOptions.builder().optTrainFraction(0));
        assertThrows(IllegalArgumentException.class, () -> LayoutOptions.builder().optTrainFraction(1.5));
        assertThrows(IllegalArgumentException.class, () -> LayoutOptions.builder().optTrainFraction(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> LayoutOptions.builder().optOmniglotSplit(null));
    }
}
