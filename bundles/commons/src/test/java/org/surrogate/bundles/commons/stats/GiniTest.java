package org.surrogate.bundles.commons.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GiniTest {

    private static final double EPS = 1e-12;

    @Test
    void equalValuesGiveZero() {
        assertEquals(0, Gini.coefficient(new int[] {1, 1, 1, 1}), EPS);
        assertEquals(0, Gini.coefficient(new double[] {7}), EPS);
    }

    @Test
    void oneHolderOfEverythingGivesNMinusOneOverN() {
        // sorted [0,0,0,1], n = 4, sum 1: only i = 4 counts, (2*4 - 4 - 1) * 1 / (4 * 1) = 3/4 = (n-1)/n.
        assertEquals(0.75, Gini.coefficient(new int[] {0, 0, 1, 0}), EPS);
    }

    @Test
    void matchesTheMeanAbsoluteDifferenceForm() {
        // [1,2,3,4]: weights 2i - n - 1 = -3,-1,1,3: (-3 - 2 + 3 + 12) / (4 * 10) = 0.25.
        // Check: sum over ordered pairs |xi - xj| = 2 * (1+2+3+1+2+1) = 20; 20 / (2 * 16 * 2.5) = 0.25.
        assertEquals(0.25, Gini.coefficient(new double[] {4, 1, 3, 2}), EPS);
    }

    @Test
    void allZerosAreUndefined() {
        assertTrue(Double.isNaN(Gini.coefficient(new int[] {0, 0})));
    }

    @Test
    void rejectsNegativeAndEmptyInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gini.coefficient(new double[] {1, -2}));
        assertEquals("gini: values[1] must be >= 0, found -2.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gini.coefficient(new int[0]));
        assertEquals("gini: values needs at least 1 value, found 0", e.getMessage());
    }
}
