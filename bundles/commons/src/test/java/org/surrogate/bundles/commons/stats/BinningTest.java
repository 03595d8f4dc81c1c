package org.surrogate.bundles.commons.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BinningTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void log2BinsAreZeroThenPowersOfTwo() {
        int[] expected = {0, 1, 2, 2, 3, 3, 3, 3, 4, 4};
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], Binning.log2Bin(c), "count " + c);
        }
        assertEquals(11, Binning.log2Bin(1024));
    }

    @Test
    void log2HistogramsShareTheirBins() {
        // {1,2,3,8} -> bins 1,2,2,4; {0,5} -> bins 0,3. Bins 0..4: [0,0] [1,1] [2,3] [4,7] [8,15].
        PairedHistogram h = Binning.log2(new int[] {1, 2, 3, 8}, new int[] {0, 5});
        assertArrayEquals(new double[] {0, 1, 2, 4, 8}, h.low());
        assertArrayEquals(new double[] {0, 1, 3, 7, 15}, h.high());
        assertArrayEquals(new double[] {0, 1, 2, 0, 1}, h.first());
        assertArrayEquals(new double[] {1, 0, 0, 1, 0}, h.second());
    }

    @Test
    void fewDistinctValuesGetOneBinEach() {
        PairedHistogram h = Binning.values(new double[] {1, 2, 2, 5}, new double[] {2, 3}, 10, 4);
        assertArrayEquals(new double[] {1, 2, 3, 5}, h.low());
        assertArrayEquals(new double[] {1, 2, 3, 5}, h.high());
        assertArrayEquals(new double[] {1, 2, 0, 1}, h.first());
        assertArrayEquals(new double[] {0, 1, 1, 0}, h.second());
    }

    @Test
    void manyDistinctValuesGetQuantileBinsOfTheReferenceWithTails() {
        // Reference 0..8; quartiles (R-7, h = 8p + 1): 0, 2, 4, 6, 8 -> bins [0,2) [2,4) [4,6) [6,8].
        double[] ref = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        double[] other = {-1, 0.5, 4, 8, 9, 10};
        PairedHistogram h = Binning.values(ref, other, 3, 4);
        assertArrayEquals(new double[] {-INF, 0, 2, 4, 6, 8}, h.low());
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, INF}, h.high());
        assertArrayEquals(new double[] {0, 2, 2, 2, 3, 0}, h.first());
        assertArrayEquals(new double[] {1, 1, 0, 1, 1, 2}, h.second());
    }

    @Test
    void rejectsNegativeCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Binning.log2(new int[] {1, -3}, new int[] {1}));
        assertEquals("log2Bin: count must be >= 0, found -3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Binning.values(new double[] {1}, new double[] {1}, 0, 4));
        assertEquals("values: maxDistinct and quantileBins must be at least 1, found 0 and 4", e.getMessage());
    }
}
