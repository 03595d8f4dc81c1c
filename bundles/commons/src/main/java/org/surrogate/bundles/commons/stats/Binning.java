package org.surrogate.bundles.commons.stats;

import java.util.Arrays;
import java.util.TreeSet;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Histograms of two samples on shared bins, the input of the Jensen-Shannon divergence.
 *
 * <ul>
 * <li>{@link #log2(int[], int[])} for counts (interactions per user, per item): bin 0 holds 0, bin
 *     {@code b >= 1} holds {@code [2^(b-1), 2^b - 1]}, that is 0 | 1 | 2-3 | 4-7 | 8-15 | ...; heavy tails
 *     get as much room as the head, and the bins do not depend on the data.</li>
 * <li>{@link #values(double[], double[], int, int)} for values such as ratings: one bin per distinct
 *     value when the two samples together have few distinct values (a rating scale); otherwise bins at
 *     the quantiles of the first sample (the reference), plus open tail bins for values of the second
 *     sample outside the first's range.</li>
 * </ul>
 */
public final class Binning {

    private Binning() {
    }

    /**
     * The log2 bin of a count: 0 for 0, else {@code 1 + floor(log2(count))}.
     *
     * @param count a count, &gt;= 0
     * @return the bin
     * @throws IllegalArgumentException if the count is negative
     */
    public static int log2Bin(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("log2Bin: count must be >= 0, found " + count);
        }
        return 64 - Long.numberOfLeadingZeros(count);
    }

    /**
     * Histograms of two samples of counts in log2 bins, up to the bin of the largest count of either.
     *
     * @param first  the first counts, each &gt;= 0
     * @param second the second counts, each &gt;= 0
     * @return the histograms; bin b spans {@code [2^(b-1), 2^b - 1]} (bin 0 is {@code [0, 0]})
     * @throws IllegalArgumentException if an array is null or a count is negative
     */
    public static PairedHistogram log2(int[] first, int[] second) {
        Checks.notNull("log2", first, "first");
        Checks.notNull("log2", second, "second");
        int bins = 1;
        for (int[] sample : new int[][] {first, second}) {
            for (int c : sample) {
                bins = Math.max(bins, log2Bin(c) + 1);
            }
        }
        double[] low = new double[bins];
        double[] high = new double[bins];
        for (int b = 1; b < bins; b++) {
            low[b] = Math.pow(2, b - 1);
            high[b] = Math.pow(2, b) - 1;
        }
        return new PairedHistogram(low, high, count(first, bins), count(second, bins));
    }

    private static double[] count(int[] sample, int bins) {
        double[] h = new double[bins];
        for (int c : sample) {
            h[log2Bin(c)]++;
        }
        return h;
    }

    /**
     * Histograms of two samples of values. When the samples together have at most {@code maxDistinct}
     * distinct values, every distinct value is a bin ({@code low == high}). Otherwise the edges are the
     * {@code j / quantileBins} quantiles ({@code j = 0..quantileBins}, R-7) of the first sample, repeated
     * edges merged; bins are {@code [e_j, e_(j+1))}, the last closed; values of the second sample below
     * the first's minimum or above its maximum go to tail bins {@code [-Infinity, min)} and
     * {@code (max, +Infinity]}, present only when such values exist.
     *
     * @param first        the reference sample, at least 1 finite value
     * @param second       the compared sample, at least 1 finite value
     * @param maxDistinct  the most distinct values binned one by one, at least 1
     * @param quantileBins the number of quantile bins otherwise, at least 1
     * @return the histograms
     * @throws IllegalArgumentException if a sample is empty or has a non-finite value, or a count is below 1
     */
    public static PairedHistogram values(double[] first, double[] second, int maxDistinct, int quantileBins) {
        Checks.notNull("values", first, "first");
        Checks.notNull("values", second, "second");
        Checks.minLength("values", first, "first", 1, "value");
        Checks.minLength("values", second, "second", 1, "value");
        Checks.finite("values", first, "first");
        Checks.finite("values", second, "second");
        if (maxDistinct < 1 || quantileBins < 1) {
            throw new IllegalArgumentException("values: maxDistinct and quantileBins must be at least 1, found "
                    + maxDistinct + " and " + quantileBins);
        }
        TreeSet<Double> distinct = new TreeSet<>();
        for (double[] sample : new double[][] {first, second}) {
            for (double v : sample) {
                if (distinct.add(v) && distinct.size() > maxDistinct) {
                    return quantiles(first, second, quantileBins);
                }
            }
        }
        double[] support = distinct.stream().mapToDouble(Double::doubleValue).toArray();
        double[] h1 = new double[support.length];
        double[] h2 = new double[support.length];
        for (double v : first) {
            h1[Arrays.binarySearch(support, v)]++;
        }
        for (double v : second) {
            h2[Arrays.binarySearch(support, v)]++;
        }
        return new PairedHistogram(support, support.clone(), h1, h2);
    }

    private static PairedHistogram quantiles(double[] first, double[] second, int bins) {
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(first);
        TreeSet<Double> edgeSet = new TreeSet<>();
        edgeSet.add(Arrays.stream(first).min().getAsDouble());
        for (int j = 1; j <= bins; j++) {
            edgeSet.add(p.evaluate(100.0 * j / bins));
        }
        double[] edges = edgeSet.stream().mapToDouble(Double::doubleValue).toArray();
        double min = edges[0];
        double max = edges[edges.length - 1];
        boolean below = Arrays.stream(second).anyMatch(v -> v < min);
        boolean above = Arrays.stream(second).anyMatch(v -> v > max);
        int inner = Math.max(1, edges.length - 1);
        int n = inner + (below ? 1 : 0) + (above ? 1 : 0);
        double[] low = new double[n];
        double[] high = new double[n];
        int b = 0;
        if (below) {
            low[b] = Double.NEGATIVE_INFINITY;
            high[b++] = min;
        }
        for (int j = 0; j < inner; j++, b++) {
            low[b] = edges[j];
            high[b] = edges.length == 1 ? edges[0] : edges[j + 1];
        }
        if (above) {
            low[b] = max;
            high[b] = Double.POSITIVE_INFINITY;
        }
        return new PairedHistogram(low, high, fill(first, low, high, below, above),
                fill(second, low, high, below, above));
    }

    /** Counts values into the bins: inner bins half-open, the last inner bin closed. */
    private static double[] fill(double[] sample, double[] low, double[] high, boolean below, boolean above) {
        int n = low.length;
        int firstInner = below ? 1 : 0;
        int lastInner = n - 1 - (above ? 1 : 0);
        double[] h = new double[n];
        for (double v : sample) {
            int b;
            if (v < low[firstInner]) {
                b = 0;
            } else if (v > high[lastInner]) {
                b = n - 1;
            } else {
                // The last bin whose lower edge is <= v, among the inner bins.
                b = lastInner;
                while (b > firstInner && low[b] > v) {
                    b--;
                }
            }
            h[b]++;
        }
        return h;
    }
}
