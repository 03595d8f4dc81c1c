package org.surrogate.bundles.commons.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DistributionDistanceTest {

    private static final double EPS = 1e-12;

    @Test
    void ksStatisticIsTheLargestGapBetweenTheEmpiricalDistributions() {
        // x = {1,2,3}, y = {2,4,5,6} (a tie at 2).
        // t=1: F=1/3, G=0   -> 1/3;   t=2: F=2/3, G=1/4 -> 5/12;
        // t=3: F=1,   G=1/4 -> 3/4;   t=4: F=1,   G=2/4 -> 1/2; then the gap shrinks to 0.
        assertEquals(0.75, DistributionDistance.ksStatistic(new double[] {1, 2, 3}, new double[] {2, 4, 5, 6}), EPS);
        assertEquals(0, DistributionDistance.ksStatistic(new double[] {3, 1, 2}, new double[] {1, 2, 3}), EPS);
    }

    @Test
    void ksPValueIsTheExactTailProbability() {
        // x = {1,2,3}, y = {4,5,6}: D = 1. Of the C(6,3) = 20 equally likely orderings only the two fully
        // separated ones reach D = 1: P(D >= 1) = 2/20 = 0.1.
        assertEquals(0.1, DistributionDistance.ksPValue(new double[] {1, 2, 3}, new double[] {4, 5, 6}), 1e-9);
        assertEquals(1, DistributionDistance.ksPValue(new double[] {1, 2, 3}, new double[] {1, 2, 3}), 1e-9);
    }

    @Test
    void wassersteinOfShiftedSamplesIsTheShift() {
        // Sorted pairs (0,5), (1,6), (3,8): mean |difference| = (5 + 5 + 5) / 3 = 5. As an integral of |F - G|:
        // [0,1) 1/3, [1,3) 2/3 * 2, [3,5) 1 * 2, [5,6) 2/3, [6,8) 1/3 * 2 -> 1/3 + 4/3 + 2 + 2/3 + 2/3 = 5.
        assertEquals(5, DistributionDistance.wasserstein1(new double[] {0, 1, 3}, new double[] {5, 6, 8}), EPS);
        assertEquals(5, DistributionDistance.wasserstein1(new double[] {8, 5, 6}, new double[] {3, 0, 1}), EPS);
    }

    @Test
    void wassersteinHandlesSamplesOfDifferentSize() {
        // {0, 2} vs {1}: half the mass moves from 0 to 1 and half from 2 to 1: W1 = 1/2 + 1/2 = 1.
        assertEquals(1, DistributionDistance.wasserstein1(new double[] {0, 2}, new double[] {1}), EPS);
        // {1,1,1,4} vs {1}: a quarter of the mass moves 3: W1 = 0.75.
        assertEquals(0.75, DistributionDistance.wasserstein1(new double[] {1, 1, 1, 4}, new double[] {1}), EPS);
        assertEquals(0, DistributionDistance.wasserstein1(new double[] {2, 2}, new double[] {2}), EPS);
    }

    @Test
    void jensenShannonIsZeroForIdenticalAndOneForDisjointHistograms() {
        assertEquals(0, DistributionDistance.jensenShannon(new double[] {1, 2, 3}, new double[] {2, 4, 6}), EPS);
        assertEquals(1, DistributionDistance.jensenShannon(new double[] {1, 1, 0, 0}, new double[] {0, 0, 5, 1}), EPS);
    }

    @Test
    void jensenShannonMatchesAHandComputedValue() {
        // P = (1, 0), Q = (1/2, 1/2), M = (3/4, 1/4).
        // KL(P||M) = log2(4/3) = 0.415037; KL(Q||M) = 1/2 log2(2/3) + 1/2 log2(2) = 0.207519.
        // JS = (0.415037 + 0.207519) / 2 = 0.311278.
        double expected = (Math.log(4.0 / 3) + 0.5 * Math.log(2.0 / 3) + 0.5 * Math.log(2)) / 2 / Math.log(2);
        assertEquals(0.311278, expected, 1e-6);
        assertEquals(expected, DistributionDistance.jensenShannon(new double[] {1, 0}, new double[] {1, 1}), EPS);
    }

    @Test
    void rejectsBadSamplesAndHistograms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DistributionDistance.ksStatistic(new double[] {1}, new double[] {1, 2}));
        assertEquals("ksStatistic: x needs at least 2 values, found 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DistributionDistance.wasserstein1(new double[] {1}, new double[0]));
        assertEquals("wasserstein1: y needs at least 1 value, found 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DistributionDistance.ksPValue(new double[] {1, Double.NaN}, new double[] {1, 2}));
        assertEquals("ksPValue: x[1] must be finite, found NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DistributionDistance.jensenShannon(new double[] {1, -1}, new double[] {1, 1}));
        assertEquals("jensenShannon: p[1] must be >= 0, found -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DistributionDistance.jensenShannon(new double[] {1, 1}, new double[] {0, 0}));
        assertEquals("jensenShannon: q must have a positive total weight, found 0.0 over 2 bins", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DistributionDistance.jensenShannon(new double[] {1}, new double[] {0, 1}));
        assertEquals("jensenShannon: p and q must have the same length (one weight per bin), found 1 and 2",
                e.getMessage());
    }
}
