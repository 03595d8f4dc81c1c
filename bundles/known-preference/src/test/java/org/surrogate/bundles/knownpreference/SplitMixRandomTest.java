package org.surrogate.bundles.knownpreference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitMixRandomTest {

    @Test
    void sameSeedSameNumbersAndNeighbouringIndicesUnrelatedSeeds() {
        SplitMixRandom a = new SplitMixRandom(7);
        SplitMixRandom b = new SplitMixRandom(7);
        for (int k = 0; k < 100; k++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        assertNotEquals(SplitMixRandom.mix(1, 0), SplitMixRandom.mix(1, 1));
        // The first values of the reference SplitMix64 with seed 0 (Vigna's splitmix64.c).
        SplitMixRandom zero = new SplitMixRandom(0);
        assertEquals(0xE220A8397B1DCDAFL, zero.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, zero.nextLong());
    }

    @Test
    void numbersHaveTheirDistributions() {
        SplitMixRandom rng = new SplitMixRandom(11);
        int n = 1_000_000;
        double sum = 0;
        double squares = 0;
        double gumbel = 0;
        int[] buckets = new int[7];
        for (int k = 0; k < n; k++) {
            double g = rng.nextGaussian();
            sum += g;
            squares += g * g;
            gumbel += rng.nextGumbel();
            buckets[rng.nextInt(7)]++;
            double u = rng.nextOpenDouble();
            assertTrue(u > 0 && u < 1);
        }
        assertEquals(0, sum / n, 0.005);
        assertEquals(1, squares / n, 0.005);
        assertEquals(0.5772156649, gumbel / n, 0.005); // the Euler-Mascheroni constant
        for (int b : buckets) {
            assertEquals(1.0 / 7, (double) b / n, 0.002);
        }
    }
}
