package org.surrogate.bundles.commons.stats;

import java.util.Arrays;

/**
 * The Gini coefficient of a non-negative vector, such as the popularity of every item: 0 when all
 * values are equal, near 1 when one value holds everything.
 *
 * <p>Formula (mean absolute difference over twice the mean, without small-sample correction): with
 * {@code x(1) <= ... <= x(n)} the sorted values,
 * {@code G = sum_{i=1..n} (2i - n - 1) x(i) / (n * sum x) = sum_i sum_j |x_i - x_j| / (2 n^2 mean)}.
 * Its maximum is {@code (n - 1) / n}, reached when one value is positive and the others 0: for
 * {@code [0, 0, 0, 1]} it is 3/4.
 */
public final class Gini {

    private Gini() {
    }

    /**
     * The Gini coefficient.
     *
     * @param values non-negative, finite values, at least 1
     * @return G in [0, (n-1)/n]; NaN when every value is 0 (no total to share)
     * @throws IllegalArgumentException if the array is null or empty, or a value is negative or not finite
     */
    public static double coefficient(double[] values) {
        Checks.notNull("gini", values, "values");
        Checks.minLength("gini", values, "values", 1, "value");
        Checks.finite("gini", values, "values");
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) {
                throw new IllegalArgumentException("gini: values[" + i + "] must be >= 0, found " + values[i]);
            }
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            sum += sorted[i];
            weighted += (2.0 * (i + 1) - n - 1) * sorted[i];
        }
        if (sum == 0) {
            return Double.NaN;
        }
        return weighted / (n * sum);
    }

    /**
     * The Gini coefficient of counts.
     *
     * @param counts non-negative counts, at least 1
     * @return G as {@link #coefficient(double[])}
     * @throws IllegalArgumentException as {@link #coefficient(double[])}
     */
    public static double coefficient(int[] counts) {
        Checks.notNull("gini", counts, "counts");
        double[] v = new double[counts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = counts[i];
        }
        return coefficient(v);
    }
}
