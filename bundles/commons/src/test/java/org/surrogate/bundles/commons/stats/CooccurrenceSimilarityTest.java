package org.surrogate.bundles.commons.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;

class CooccurrenceSimilarityTest {

    private static final double EPS = 1e-12;

    private static Dataset of(int items, int[]... users) {
        DatasetBuilder b = Dataset.builder("d", users.length, items);
        for (int u = 0; u < users.length; u++) {
            for (int i : users[u]) {
                b.add(u, i, 1f);
            }
        }
        return b.build();
    }

    // u0 {0,1}, u1 {0,1,2}, u2 {0}: n = (3, 2, 1); c01 = 2, c02 = 1, c12 = 1.
    // cos01 = 2/sqrt(6) = 0.81650, cos02 = 1/sqrt(3) = 0.57735, cos12 = 1/sqrt(2) = 0.70711.
    private static final Dataset REF = of(3, new int[] {0, 1}, new int[] {0, 1, 2}, new int[] {0});
    private static final double[] REF_COS = {2 / Math.sqrt(6), 1 / Math.sqrt(3), 1 / Math.sqrt(2)};

    @Test
    void cosinesCountDistinctUsersInCommon() {
        assertArrayEquals(REF_COS, CooccurrenceSimilarity.cosines(REF, new int[] {0, 1, 2}), EPS);
        // A repeated interaction does not count twice.
        Dataset repeated = of(3, new int[] {0, 1, 1}, new int[] {0, 1, 2}, new int[] {0, 0});
        assertArrayEquals(REF_COS, CooccurrenceSimilarity.cosines(repeated, new int[] {0, 1, 2}), EPS);
    }

    @Test
    void topItemsAreTheMostUsedTiesToTheLowerId() {
        Dataset d = of(5, new int[] {4, 3}, new int[] {3, 1}, new int[] {1});
        // users per item: 0:0, 1:2, 2:0, 3:2, 4:1
        assertArrayEquals(new int[] {1, 3, 4}, CooccurrenceSimilarity.topItems(d, 10));
        assertArrayEquals(new int[] {1, 3}, CooccurrenceSimilarity.topItems(d, 2));
    }

    @Test
    void aDatasetAgreesWithItself() {
        CooccurrenceComparison c = CooccurrenceSimilarity.compare(REF, REF, 100);
        assertArrayEquals(new int[] {0, 1, 2}, c.items());
        assertEquals(3, c.pairs());
        assertEquals(0, c.meanAbsoluteDifference(), EPS);
        assertEquals(1, c.pearson(), EPS);
    }

    @Test
    void comparesTheUpperTrianglesByMeanAbsoluteDifferenceAndPearson() {
        // other: u0 {0,2}, u1 {0,1,2}: n = (2, 1, 2); c01 = 1, c02 = 2, c12 = 1.
        // cos = (1/sqrt(2), 2/sqrt(4), 1/sqrt(2)) = (0.70711, 1, 0.70711).
        // MAE = (|0.81650 - 0.70711| + |0.57735 - 1| + 0) / 3 = (0.10939 + 0.42265) / 3 = 0.17735.
        // Pearson: deviations ref (0.11618, -0.12297, 0.00679), other (-0.09763, 0.19526, -0.09763):
        // -0.036017 / sqrt(0.028665 * 0.057191) = -0.8895.
        Dataset other = of(3, new int[] {0, 2}, new int[] {0, 1, 2});
        CooccurrenceComparison c = CooccurrenceSimilarity.compare(REF, other, 100);
        assertArrayEquals(new double[] {1 / Math.sqrt(2), 1, 1 / Math.sqrt(2)}, c.other(), EPS);
        assertEquals(0.177347, c.meanAbsoluteDifference(), 1e-6);
        assertEquals(-0.889536, c.pearson(), 1e-6);
    }

    @Test
    void anEmptyOtherHasZeroCosinesAndNoCorrelation() {
        CooccurrenceComparison c = CooccurrenceSimilarity.compare(REF, of(2, new int[0]), 100);
        assertArrayEquals(new double[3], c.other(), EPS);
        assertEquals((REF_COS[0] + REF_COS[1] + REF_COS[2]) / 3, c.meanAbsoluteDifference(), EPS);
        assertEquals(Double.NaN, c.pearson());
    }

    @Test
    void pairIndexWalksTheUpperTriangleByRows() {
        int[][] pairs = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}};
        for (int p = 0; p < pairs.length; p++) {
            assertEquals(p, CooccurrenceSimilarity.pairIndex(pairs[p][0], pairs[p][1], 4));
        }
    }

    @Test
    void rejectsTooFewItems() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CooccurrenceSimilarity.compare(REF, REF, 1));
        assertEquals("cooccurrence: the number of items must be at least 2, found 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CooccurrenceSimilarity.compare(of(3, new int[] {2}), REF, 10));
        assertEquals("cooccurrence: reference 'd' has 1 item(s) with interactions; item pairs need at least 2",
                e.getMessage());
    }
}
