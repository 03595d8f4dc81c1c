package org.surrogate.bundles.knownpreference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AliasTableTest {

    @Test
    void drawsInProportionToTheWeights() {
        double[] weights = {1, 0, 3, 6, 0.5, 9.5};
        AliasTable table = AliasTable.of(weights);
        SplitMixRandom rng = new SplitMixRandom(1);
        int n = 2_000_000;
        int[] counts = new int[weights.length];
        for (int k = 0; k < n; k++) {
            counts[table.draw(rng)]++;
        }
        for (int i = 0; i < weights.length; i++) {
            assertEquals(weights[i] / 20, (double) counts[i] / n, 0.002, "index " + i);
        }
        assertEquals(0, counts[1]);
    }

    @Test
    void aRebuiltTableDrawsByItsNewWeights() {
        AliasTable table = AliasTable.of(new double[] {5, 1, 1});
        table.build(new double[] {0, 0, 2});
        SplitMixRandom rng = new SplitMixRandom(2);
        for (int k = 0; k < 1000; k++) {
            assertEquals(2, table.draw(rng));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table.build(new double[] {1, 2}));
        assertEquals("alias table: 2 weights for a table of 3", e.getMessage());
    }

    @Test
    void rejectsBadWeightsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AliasTable.of(new double[] {1, -2}));
        assertEquals("alias table: weight 1 must be a finite number >= 0, found -2.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AliasTable.of(new double[] {0, 0}));
        assertEquals("alias table: the 2 weights must not all be 0", e.getMessage());
    }
}
