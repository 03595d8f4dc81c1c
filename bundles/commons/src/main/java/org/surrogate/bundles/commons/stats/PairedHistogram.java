package org.surrogate.bundles.commons.stats;

/**
 * Two histograms on the same bins, such as the user activity of the real and of the synthetic data;
 * made by {@link Binning}. Bin {@code b} holds the values in {@code [low[b], high[b]]} (for binned
 * integers and distinct values) or {@code [low[b], high[b])} (for real-valued bins, the last one closed);
 * the bins do not overlap and are in increasing order.
 *
 * @param low    the smallest value of each bin ({@code -Infinity} for an open lower tail bin)
 * @param high   the largest value, or the exclusive upper bound, of each bin ({@code +Infinity} for an
 *               open upper tail bin)
 * @param first  the count of the first sample in each bin
 * @param second the count of the second sample in each bin
 */
public record PairedHistogram(double[] low, double[] high, double[] first, double[] second) {

    /**
     * Checks the four arrays are present and aligned.
     *
     * @throws IllegalArgumentException if an array is null or their lengths differ
     */
    public PairedHistogram {
        if (low == null || high == null || first == null || second == null) {
            throw new IllegalArgumentException("histogram arrays must not be null");
        }
        if (high.length != low.length || first.length != low.length || second.length != low.length) {
            throw new IllegalArgumentException("histogram arrays must have one entry per bin, found lengths "
                    + low.length + ", " + high.length + ", " + first.length + ", " + second.length);
        }
    }

    /**
     * The number of bins.
     *
     * @return the count
     */
    public int bins() {
        return low.length;
    }

    /**
     * The Jensen-Shannon divergence of the two histograms ({@link DistributionDistance#jensenShannon}).
     *
     * @return JS in [0, 1]
     * @throws IllegalArgumentException if a histogram is empty
     */
    public double jensenShannon() {
        return DistributionDistance.jensenShannon(first, second);
    }
}
