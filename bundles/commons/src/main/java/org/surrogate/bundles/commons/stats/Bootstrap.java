package org.surrogate.bundles.commons.stats;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Percentile bootstrap confidence intervals: the statistic is recomputed on B resamples drawn with
 * replacement, and the interval is the {@code (1 - level) / 2} and {@code (1 + level) / 2} quantiles of the
 * replicates (commons-math3 {@link Percentile}, estimation type R-7: linear interpolation between order
 * statistics, as R's default {@code quantile}).
 *
 * <p>A resample is given to the statistic as an array of indices into the observations:
 * <pre>{@code
 * double[] perUser = ...; // say NDCG@10 of every user
 * Interval ci = Bootstrap.percentileInterval(perUser.length, sample -> {
 *     double sum = 0;
 *     for (int i : sample) sum += perUser[i];
 *     return sum / sample.length;
 * }, 1000, 0.95, new SplittableRandom(42));
 * }</pre>
 * The estimate is the statistic on the identity resample {@code 0, 1, ..., n-1}. Replicates where the
 * statistic is NaN (undefined, say a rank correlation of a constant vector) are left out of the
 * quantiles, and {@link Interval#resamples()} counts the ones kept. The same generator state gives the
 * same interval.
 */
public final class Bootstrap {

    /** The default number of resamples B. */
    public static final int DEFAULT_RESAMPLES = 1000;

    /** The default confidence level. */
    public static final double DEFAULT_LEVEL = 0.95;

    /** A statistic of one sample, given as indices into the observations. */
    @FunctionalInterface
    public interface Statistic {
        /**
         * Computes the statistic on a resample.
         *
         * @param sample indices into the observations, with repeats; reused between calls, do not keep it
         * @return the value, or NaN where undefined
         */
        double apply(int[] sample);
    }

    /** A statistic of two independent samples, each given as indices into its observations. */
    @FunctionalInterface
    public interface TwoSampleStatistic {
        /**
         * Computes the statistic on a pair of resamples.
         *
         * @param first  indices into the first observations, with repeats; reused between calls
         * @param second indices into the second observations, with repeats; reused between calls
         * @return the value, or NaN where undefined
         */
        double apply(int[] first, int[] second);
    }

    private Bootstrap() {
    }

    /**
     * A percentile interval of a statistic of one sample, with B = {@value #DEFAULT_RESAMPLES} and level
     * 0.95.
     *
     * @param n         the number of observations, at least 1
     * @param statistic the statistic
     * @param rng       the seeded generator drawing the resamples
     * @return the interval
     * @throws IllegalArgumentException as {@link #percentileInterval(int, Statistic, int, double, RandomGenerator)}
     */
    public static Interval percentileInterval(int n, Statistic statistic, RandomGenerator rng) {
        return percentileInterval(n, statistic, DEFAULT_RESAMPLES, DEFAULT_LEVEL, rng);
    }

    /**
     * A percentile interval of a statistic of one sample: each replicate draws n indices uniformly
     * with replacement from {@code 0..n-1}.
     *
     * @param n         the number of observations, at least 1
     * @param statistic the statistic
     * @param resamples the number of replicates B, at least 1
     * @param level     the confidence level, in (0, 1)
     * @param rng       the seeded generator drawing the resamples
     * @return the interval
     * @throws IllegalArgumentException if n or resamples is below 1, the level is outside (0, 1), or the
     *                                  statistic or generator is null
     */
    public static Interval percentileInterval(int n, Statistic statistic, int resamples, double level,
                                              RandomGenerator rng) {
        check("percentileInterval", "n", n, statistic, resamples, level, rng);
        int[] sample = identity(n);
        double estimate = statistic.apply(sample);
        double[] replicates = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            draw(sample, n, rng);
            replicates[b] = statistic.apply(sample);
        }
        return interval(estimate, replicates, level);
    }

    /**
     * A percentile interval of a statistic of two independent samples (say users of the real and users
     * of the synthetic data): each replicate draws n1 indices with replacement from {@code 0..n1-1}, then
     * n2 from {@code 0..n2-1}.
     *
     * @param n1        the number of observations of the first sample, at least 1
     * @param n2        the number of observations of the second sample, at least 1
     * @param statistic the statistic
     * @param resamples the number of replicates B, at least 1
     * @param level     the confidence level, in (0, 1)
     * @param rng       the seeded generator drawing the resamples
     * @return the interval
     * @throws IllegalArgumentException as {@link #percentileInterval(int, Statistic, int, double, RandomGenerator)}
     */
    public static Interval percentileInterval(int n1, int n2, TwoSampleStatistic statistic, int resamples,
                                              double level, RandomGenerator rng) {
        check("percentileInterval", "n1", n1, statistic, resamples, level, rng);
        check("percentileInterval", "n2", n2, statistic, resamples, level, rng);
        int[] first = identity(n1);
        int[] second = identity(n2);
        double estimate = statistic.apply(first, second);
        double[] replicates = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            draw(first, n1, rng);
            draw(second, n2, rng);
            replicates[b] = statistic.apply(first, second);
        }
        return interval(estimate, replicates, level);
    }

    /**
     * A percentile interval of the mean of some values (such as a metric over seeds, or a rank
     * correlation computed per seed).
     *
     * @param values    the observations, finite, at least 1
     * @param resamples the number of replicates B, at least 1
     * @param level     the confidence level, in (0, 1)
     * @param rng       the seeded generator drawing the resamples
     * @return the interval around the mean
     * @throws IllegalArgumentException if a value is not finite, or as
     *                                  {@link #percentileInterval(int, Statistic, int, double, RandomGenerator)}
     */
    public static Interval meanInterval(double[] values, int resamples, double level, RandomGenerator rng) {
        Checks.notNull("meanInterval", values, "values");
        Checks.finite("meanInterval", values, "values");
        return percentileInterval(values.length, sample -> {
            double sum = 0;
            for (int i : sample) {
                sum += values[i];
            }
            return sum / sample.length;
        }, resamples, level, rng);
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    static void draw(int[] sample, int n, RandomGenerator rng) {
        for (int i = 0; i < sample.length; i++) {
            sample[i] = rng.nextInt(n);
        }
    }

    /** The interval from the replicates, NaN ones left out. */
    static Interval interval(double estimate, double[] replicates, double level) {
        double[] kept = Arrays.stream(replicates).filter(v -> !Double.isNaN(v)).toArray();
        if (kept.length == 0) {
            return new Interval(estimate, Double.NaN, Double.NaN, level, 0);
        }
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(kept);
        double lower = p.evaluate(100 * (1 - level) / 2);
        double upper = p.evaluate(100 * (1 + level) / 2);
        return new Interval(estimate, lower, upper, level, kept.length);
    }

    static void check(String method, String size, int n, Object statistic, int resamples, double level,
                      RandomGenerator rng) {
        if (n < 1) {
            throw new IllegalArgumentException(method + ": " + size + " must be at least 1 observation, found " + n);
        }
        if (resamples < 1) {
            throw new IllegalArgumentException(method + ": resamples must be at least 1, found " + resamples
                    + "; use " + DEFAULT_RESAMPLES + " or more for a 95% interval");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException(method + ": level must be in (0, 1), found " + level
                    + "; for a 95% interval give 0.95");
        }
        Checks.notNull(method, statistic, "statistic");
        Checks.notNull(method, rng, "rng");
    }
}
