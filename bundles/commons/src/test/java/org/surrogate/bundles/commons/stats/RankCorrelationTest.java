package org.surrogate.bundles.commons.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankCorrelationTest {

    private static final double EPS = 1e-12;

    @Test
    void kendallTauBOfOneSwappedPairIsTwoThirds() {
        // 6 pairs; only (2nd, 3rd) is discordant: C = 5, D = 1, no ties -> (5 - 1) / 6 = 0.6667.
        assertEquals(4.0 / 6, RankCorrelation.kendallTauB(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}), EPS);
    }

    @Test
    void kendallTauBCorrectsForTiesOnBothSides() {
        // a = [1,2,2,3], b = [1,2,3,3]. Pairs: (1,2) C, (1,3) C, (1,4) C, (2,3) tied in a only,
        // (2,4) C, (3,4) tied in b only. C = 4, D = 0, n0 = 6, n1 = 1, n2 = 1:
        // tau-b = 4 / sqrt((6 - 1)(6 - 1)) = 0.8 (tau-a would be 4/6).
        assertEquals(0.8, RankCorrelation.kendallTauB(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 3}), EPS);
    }

    @Test
    void spearmanWithoutTiesIsOneMinusSixSumOfSquaredRankDifferences() {
        // d = [0, 1, 1, 0], sum d^2 = 2: rho = 1 - 6 * 2 / (4 * (16 - 1)) = 1 - 12/60 = 0.8.
        assertEquals(0.8, RankCorrelation.spearman(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}), EPS);
    }

    @Test
    void spearmanGivesTiesTheirAverageRank() {
        // ranks a = [1, 2.5, 2.5, 4], b = [1, 2, 3.5, 3.5], both with mean 2.5.
        // deviations a: [-1.5, 0, 0, 1.5], b: [-1.5, -0.5, 1, 1].
        // sum da*db = 2.25 + 0 + 0 + 1.5 = 3.75; sum da^2 = 4.5; sum db^2 = 2.25 + 0.25 + 1 + 1 = 4.5.
        // rho = 3.75 / sqrt(4.5 * 4.5) = 0.8333.
        assertEquals(3.75 / 4.5, RankCorrelation.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 3}), EPS);
    }

    @Test
    void reversedOrderGivesMinusOne() {
        double[] a = {0.4, 0.3, 0.2, 0.1};
        double[] b = {0.01, 0.02, 0.03, 0.04};
        assertEquals(-1, RankCorrelation.kendallTauB(a, b), EPS);
        assertEquals(-1, RankCorrelation.spearman(a, b), EPS);
        assertEquals(1, RankCorrelation.Method.KENDALL_TAU_B.apply(a, a), EPS);
        assertEquals(1, RankCorrelation.Method.SPEARMAN.apply(b, b), EPS);
    }

    @Test
    void constantScoresGiveNaN() {
        double[] flat = {0.2, 0.2, 0.2};
        double[] ordered = {1, 2, 3};
        assertTrue(Double.isNaN(RankCorrelation.kendallTauB(flat, ordered)));
        assertTrue(Double.isNaN(RankCorrelation.kendallTauB(ordered, flat)));
        assertTrue(Double.isNaN(RankCorrelation.spearman(flat, ordered)));
        assertTrue(Double.isNaN(RankCorrelation.spearman(ordered, flat)));
    }

    @Test
    void twoAlgorithmsAreEnough() {
        assertEquals(1, RankCorrelation.kendallTauB(new double[] {1, 2}, new double[] {3, 5}), EPS);
        assertEquals(-1, RankCorrelation.spearman(new double[] {1, 2}, new double[] {5, 3}), EPS);
    }

    @Test
    void rejectsFewerThanTwoAlgorithms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelation.kendallTauB(new double[] {1}, new double[] {2}));
        assertEquals("kendallTauB: a needs at least 2 algorithms, found 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelation.spearman(new double[0], new double[0]));
        assertEquals("spearman: a needs at least 2 algorithms, found 0", e.getMessage());
    }

    @Test
    void rejectsVectorsOfDifferentLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelation.spearman(new double[] {1, 2, 3}, new double[] {1, 2, 3, 4}));
        assertEquals("spearman: a and b must have the same length (one score per algorithm), found 3 and 4",
                e.getMessage());
    }

    @Test
    void rejectsNonFiniteScoresAndNull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelation.kendallTauB(new double[] {1, 2}, new double[] {1, Double.NaN}));
        assertEquals("kendallTauB: b[1] must be finite, found NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RankCorrelation.kendallTauB(null, new double[] {1}));
        assertEquals("kendallTauB: a must not be null", e.getMessage());
    }

    @Test
    void methodsHaveLabels() {
        assertEquals(RankCorrelation.Method.SPEARMAN, RankCorrelation.Method.fromLabel("Spearman"));
        assertEquals("kendall", RankCorrelation.Method.KENDALL_TAU_B.label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelation.Method.fromLabel("pearson"));
        assertEquals("rank correlation method must be 'kendall' or 'spearman', found 'pearson'", e.getMessage());
    }
}
