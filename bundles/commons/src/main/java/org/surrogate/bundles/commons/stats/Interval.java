package org.surrogate.bundles.commons.stats;

/**
 * A confidence interval around an estimate, as a percentile bootstrap gives it.
 *
 * @param estimate  the statistic on the full data
 * @param lower     the lower bound: the {@code (1 - level) / 2} quantile of the bootstrap replicates, or
 *                  NaN when no replicate had a defined value
 * @param upper     the upper bound: the {@code (1 + level) / 2} quantile, or NaN likewise
 * @param level     the confidence level, in (0, 1), such as 0.95
 * @param resamples the number of bootstrap replicates the bounds were computed from (those with a
 *                  defined, non-NaN value); 0 when there were none
 */
public record Interval(double estimate, double lower, double upper, double level, int resamples) {

    /**
     * Checks the level, the count and the order of the bounds.
     *
     * @throws IllegalArgumentException if the level is outside (0, 1), the count is negative, or
     *                                  lower &gt; upper
     */
    public Interval {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must be in (0, 1), found " + level);
        }
        if (resamples < 0) {
            throw new IllegalArgumentException("interval resamples must be >= 0, found " + resamples);
        }
        if (lower > upper) {
            throw new IllegalArgumentException("interval lower bound " + lower + " is above upper bound " + upper);
        }
    }

    /**
     * The width {@code upper - lower}.
     *
     * @return the width, NaN if the bounds are
     */
    public double width() {
        return upper - lower;
    }

    /**
     * Whether a value lies within the bounds, both included.
     *
     * @param value the value
     * @return true if {@code lower <= value <= upper}; false if the bounds are NaN
     */
    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }
}
