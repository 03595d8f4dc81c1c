package org.surrogate.bundles.commons.stats;

import java.util.random.RandomGenerator;

/**
 * Bootstrap confidence intervals of a rank correlation between the orderings of algorithms on real
 * and on synthetic data, by resampling users or seeds.
 *
 * <p>Both methods take, for each side, a matrix {@code values[algorithm][observation]}: the metric of
 * every algorithm on every user (or at every seed), the algorithms in the same order on both sides. The
 * estimate is the correlation ({@link RankCorrelation.Method}) between the per-algorithm means on the
 * two sides; each replicate recomputes the means on resampled observations and correlates them again.
 * <pre>{@code
 * double[][] real = {ndcgOfA, ndcgOfB, ndcgOfC};        // per real test user
 * double[][] synthetic = {sNdcgOfA, sNdcgOfB, sNdcgOfC}; // per synthetic test user
 * Interval ci = RankCorrelationBootstrap.overUsers(real, synthetic, RankCorrelation.Method.KENDALL_TAU_B,
 *         1000, 0.95, ctx.random("bootstrap"));
 * }</pre>
 */
public final class RankCorrelationBootstrap {

    private RankCorrelationBootstrap() {
    }

    /**
     * Resamples users: the real users and the synthetic users are different people, so each replicate
     * draws the real users and the synthetic users independently, each with replacement (real first);
     * an algorithm's per-user values stay together, since all algorithms were evaluated on the same users
     * of a side.
     *
     * @param real      per-user values {@code [algorithm][user]} on the real data; every row of equal length
     * @param synthetic per-user values {@code [algorithm][user]} on the synthetic data
     * @param method    the rank correlation
     * @param resamples the number of replicates B, at least 1
     * @param level     the confidence level, in (0, 1)
     * @param rng       the seeded generator
     * @return the interval; replicates where all means tie on a side (NaN correlation) are left out
     * @throws IllegalArgumentException if there are fewer than 2 algorithms, the sides list different
     *                                  numbers of algorithms, rows of a side differ in length or are
     *                                  empty, or a value is not finite
     */
    public static Interval overUsers(double[][] real, double[][] synthetic, RankCorrelation.Method method,
                                     int resamples, double level, RandomGenerator rng) {
        int nReal = check("overUsers", real, synthetic, "users");
        int nSynthetic = synthetic[0].length;
        Checks.notNull("overUsers", method, "method");
        return Bootstrap.percentileInterval(nReal, nSynthetic,
                (r, s) -> method.apply(means(real, r), means(synthetic, s)), resamples, level, rng);
    }

    /**
     * Resamples seeds: seed s gave both the real and the synthetic result (one trial), so each replicate
     * draws seeds with replacement and uses the same draw on both sides.
     *
     * @param real      per-seed values {@code [algorithm][seed]} on the real data
     * @param synthetic per-seed values {@code [algorithm][seed]} on the synthetic data, same seeds in the
     *                  same order
     * @param method    the rank correlation
     * @param resamples the number of replicates B, at least 1
     * @param level     the confidence level, in (0, 1)
     * @param rng       the seeded generator
     * @return the interval
     * @throws IllegalArgumentException as {@link #overUsers}, and if the sides have different numbers of
     *                                  seeds
     */
    public static Interval overSeeds(double[][] real, double[][] synthetic, RankCorrelation.Method method,
                                     int resamples, double level, RandomGenerator rng) {
        int seeds = check("overSeeds", real, synthetic, "seeds");
        if (synthetic[0].length != seeds) {
            throw new IllegalArgumentException("overSeeds: real and synthetic must have the same seeds, found "
                    + seeds + " and " + synthetic[0].length + " seeds");
        }
        Checks.notNull("overSeeds", method, "method");
        return Bootstrap.percentileInterval(seeds,
                s -> method.apply(means(real, s), means(synthetic, s)), resamples, level, rng);
    }

    /**
     * Resamples users who were evaluated on both sides (say the same real test users scored by models
     * trained on real and on protected data): each replicate draws users with replacement and uses the
     * same draw on both sides, so the pairing is kept.
     *
     * @param real      per-user values {@code [algorithm][user]} on the first side
     * @param other     per-user values {@code [algorithm][user]} on the second side, same users in the same
     *                  order
     * @param method    the rank correlation
     * @param resamples the number of replicates B, at least 1
     * @param level     the confidence level, in (0, 1)
     * @param rng       the seeded generator
     * @return the interval
     * @throws IllegalArgumentException as {@link #overUsers}, and if the sides have different numbers of
     *                                  users
     */
    public static Interval overPairedUsers(double[][] real, double[][] other, RankCorrelation.Method method,
                                           int resamples, double level, RandomGenerator rng) {
        int users = check("overPairedUsers", real, other, "users");
        if (other[0].length != users) {
            throw new IllegalArgumentException("overPairedUsers: both sides must hold the same users, found "
                    + users + " and " + other[0].length + " users");
        }
        Checks.notNull("overPairedUsers", method, "method");
        return Bootstrap.percentileInterval(users,
                s -> method.apply(means(real, s), means(other, s)), resamples, level, rng);
    }

    /** The mean of every row over the sampled columns. */
    static double[] means(double[][] values, int[] sample) {
        double[] m = new double[values.length];
        for (int a = 0; a < values.length; a++) {
            double[] row = values[a];
            double sum = 0;
            for (int j : sample) {
                sum += row[j];
            }
            m[a] = sum / sample.length;
        }
        return m;
    }

    /** Checks both sides and returns the number of observations of the real side. */
    private static int check(String method, double[][] real, double[][] synthetic, String what) {
        Checks.notNull(method, real, "real");
        Checks.notNull(method, synthetic, "synthetic");
        if (real.length != synthetic.length) {
            throw new IllegalArgumentException(method + ": real and synthetic must list the same algorithms, found "
                    + real.length + " and " + synthetic.length + " rows");
        }
        if (real.length < 2) {
            throw new IllegalArgumentException(method + ": needs at least 2 algorithms, found " + real.length);
        }
        checkRows(method, real, "real", what);
        checkRows(method, synthetic, "synthetic", what);
        return real[0].length;
    }

    private static void checkRows(String method, double[][] rows, String side, String what) {
        for (int a = 0; a < rows.length; a++) {
            String name = side + "[" + a + "]";
            Checks.notNull(method, rows[a], name);
            if (rows[a].length != rows[0].length) {
                throw new IllegalArgumentException(method + ": every algorithm needs a value for each of the "
                        + rows[0].length + " " + what + " of " + side + ", found " + rows[a].length + " in " + name);
            }
            Checks.finite(method, rows[a], name);
        }
        if (rows[0].length == 0) {
            throw new IllegalArgumentException(method + ": " + side + " has no " + what + "; give at least 1");
        }
    }
}
