package org.surrogate.bundles.commons.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FilterOptionsTest {

    @Test
    void rejectsNegativeCountsNamingTheField() {
        assertEquals("minUserInteractions must be >= 0 (0 turns it off), found -1",
                assertThrows(IllegalArgumentException.class, () -> new FilterOptions(Double.NaN, -1, 0, 0))
                        .getMessage());
        assertEquals("minItemInteractions must be >= 0 (0 turns it off), found -2",
                assertThrows(IllegalArgumentException.class, () -> new FilterOptions(Double.NaN, 0, -2, 0))
                        .getMessage());
        assertEquals("kCore must be >= 0 (0 turns it off), found -5",
                assertThrows(IllegalArgumentException.class, () -> FilterOptions.kCoreOnly(-5)).getMessage());
    }

    @Test
    void nanThresholdMeansOff() {
        assertTrue(FilterOptions.NONE.isNone());
        assertFalse(FilterOptions.NONE.implicit());
        assertEquals("none", FilterOptions.NONE.describe());
        FilterOptions all = new FilterOptions(4.0, 2, 3, 5);
        assertTrue(all.implicit());
        assertFalse(all.isNone());
        assertEquals("implicitThreshold=4.0, minUserInteractions=2, minItemInteractions=3, kCore=5", all.describe());
    }
}
