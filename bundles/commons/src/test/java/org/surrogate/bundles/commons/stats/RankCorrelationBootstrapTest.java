package org.surrogate.bundles.commons.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.surrogate.bundles.commons.stats.RankCorrelation.Method;

class RankCorrelationBootstrapTest {

    /** Per-user values of 4 algorithms with the given means and noise 0.1: values[algorithm][user]. */
    private static double[][] perUser(double[] means, int users, long seed) {
        Random rng = new Random(seed);
        double[][] v = new double[means.length][users];
        for (int u = 0; u < users; u++) {
            for (int a = 0; a < means.length; a++) {
                v[a][u] = means[a] + 0.1 * rng.nextGaussian();
            }
        }
        return v;
    }

    private static final double[] REAL = {0.30, 0.31, 0.32, 0.33};
    private static final double[] SWAPPED = {0.30, 0.32, 0.31, 0.33};

    @Test
    void estimateCorrelatesTheMeansOfEachSide() {
        double[][] real = {{0.1, 0.3}, {0.4, 0.4}, {0.9, 0.7}};       // means 0.2, 0.4, 0.8
        double[][] synthetic = {{0.5}, {0.2}, {0.9}};                  // means 0.5, 0.2, 0.9
        // Orders 1 < 2 < 3 and 2 < 1 < 3: one discordant pair of 3 -> tau = (2 - 1) / 3.
        Interval ci = RankCorrelationBootstrap.overUsers(real, synthetic, Method.KENDALL_TAU_B, 50, 0.95,
                new Random(1));
        assertEquals(1.0 / 3, ci.estimate(), 1e-12);
        // d = [1, -1, 0]: rho = 1 - 6 * 2 / (3 * 8) = 0.5.
        assertEquals(0.5, RankCorrelationBootstrap.overUsers(real, synthetic, Method.SPEARMAN, 50, 0.95,
                new Random(1)).estimate(), 1e-12);
    }

    @Test
    void intervalOverUsersIsDeterministicAndNarrowsWithMoreUsers() {
        Interval few = RankCorrelationBootstrap.overUsers(perUser(REAL, 40, 1), perUser(SWAPPED, 40, 2),
                Method.KENDALL_TAU_B, 1000, 0.95, new Random(9));
        Interval again = RankCorrelationBootstrap.overUsers(perUser(REAL, 40, 1), perUser(SWAPPED, 40, 2),
                Method.KENDALL_TAU_B, 1000, 0.95, new Random(9));
        Interval many = RankCorrelationBootstrap.overUsers(perUser(REAL, 20_000, 1), perUser(SWAPPED, 20_000, 2),
                Method.KENDALL_TAU_B, 1000, 0.95, new Random(9));
        assertEquals(few, again);
        assertTrue(few.lower() >= -1 && few.upper() <= 1, few.toString());
        assertTrue(few.contains(few.estimate()), few.toString());
        // With 20000 users the means are known to 0.1 / sqrt(20000) = 0.0007, far below their 0.01 gaps:
        // every replicate sees the true orders, one swapped pair of 6: tau = 4/6.
        assertEquals(new Interval(4.0 / 6, 4.0 / 6, 4.0 / 6, 0.95, 1000), many);
        assertTrue(few.width() > 0.5, few.toString());
    }

    @Test
    void seedsArePairedAndUsersAreNot() {
        double[][] same = perUser(REAL, 30, 3);
        // Resampling the same seeds on both sides keeps the two mean vectors equal: tau = 1 always.
        Interval seeds = RankCorrelationBootstrap.overSeeds(same, same, Method.KENDALL_TAU_B, 500, 0.95,
                new Random(4));
        assertEquals(new Interval(1, 1, 1, 0.95, 500), seeds);
        // Independent resampling of the two sides (different people) lets the orders disagree.
        Interval users = RankCorrelationBootstrap.overUsers(same, same, Method.KENDALL_TAU_B, 500, 0.95,
                new Random(4));
        assertEquals(1, users.estimate());
        assertTrue(users.lower() < 1, users.toString());
    }

    @Test
    void pairedUsersKeepTheSameDrawOnBothSides() {
        double[][] same = perUser(REAL, 30, 3);
        assertEquals(new Interval(1, 1, 1, 0.95, 300), RankCorrelationBootstrap.overPairedUsers(same, same,
                Method.KENDALL_TAU_B, 300, 0.95, new Random(4)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelationBootstrap.overPairedUsers(new double[][] {{1, 2}, {2, 3}},
                        new double[][] {{1}, {2}}, Method.SPEARMAN, 10, 0.95, new Random(1)));
        assertEquals("overPairedUsers: both sides must hold the same users, found 2 and 1 users", e.getMessage());
    }

    @Test
    void rejectsMalformedInput() {
        Random rng = new Random(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelationBootstrap.overUsers(new double[][] {{1}}, new double[][] {{1}},
                        Method.SPEARMAN, 10, 0.95, rng));
        assertEquals("overUsers: needs at least 2 algorithms, found 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelationBootstrap.overUsers(new double[][] {{1}, {2}}, new double[][] {{1}, {2}, {3}},
                        Method.SPEARMAN, 10, 0.95, rng));
        assertEquals("overUsers: real and synthetic must list the same algorithms, found 2 and 3 rows", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelationBootstrap.overUsers(new double[][] {{1, 2}, {2}}, new double[][] {{1}, {2}},
                        Method.SPEARMAN, 10, 0.95, rng));
        assertEquals("overUsers: every algorithm needs a value for each of the 2 users of real, found 1 in real[1]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelationBootstrap.overSeeds(new double[][] {{1, 2}, {2, 3}}, new double[][] {{1}, {2}},
                        Method.SPEARMAN, 10, 0.95, rng));
        assertEquals("overSeeds: real and synthetic must have the same seeds, found 2 and 1 seeds", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelationBootstrap.overSeeds(new double[][] {{}, {}}, new double[][] {{}, {}},
                        Method.SPEARMAN, 10, 0.95, rng));
        assertEquals("overSeeds: real has no seeds; give at least 1", e.getMessage());
    }
}
