package org.surrogate.bundles.commons.stats;

import java.util.Arrays;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Distances between two empirical distributions: of two samples (the two-sample Kolmogorov-Smirnov
 * statistic and its p-value, the Wasserstein-1 distance), or of two histograms on a shared support (the
 * Jensen-Shannon divergence). Typical samples are the activity of every user, real versus synthetic.
 *
 * <p>With {@code F} and {@code G} the empirical distribution functions of the samples:
 * <ul>
 * <li>Kolmogorov-Smirnov {@code D = sup_t |F(t) - G(t)|}, in [0, 1] (commons-math3
 *     {@link KolmogorovSmirnovTest}); ties are handled exactly;</li>
 * <li>Wasserstein-1 (earth mover's distance) {@code W1 = integral of |F(t) - G(t)| dt}, in the unit of
 *     the values: the least mean distance values must move to turn one sample into the other;</li>
 * <li>Jensen-Shannon {@code JS(P, Q) = KL(P || M) / 2 + KL(Q || M) / 2} with {@code M = (P + Q) / 2} and
 *     logarithms base 2, in [0, 1]: 0 for identical histograms, 1 for histograms with disjoint
 *     supports.</li>
 * </ul>
 */
public final class DistributionDistance {

    private DistributionDistance() {
    }

    /**
     * The two-sample Kolmogorov-Smirnov statistic {@code sup_t |F(t) - G(t)|}.
     *
     * @param x the first sample, at least 2 finite values
     * @param y the second sample, at least 2 finite values
     * @return D in [0, 1]
     * @throws IllegalArgumentException if a sample is null, has fewer than 2 values, or a value is not
     *                                  finite
     */
    public static double ksStatistic(double[] x, double[] y) {
        checkSamples("ksStatistic", x, y, 2);
        return test().kolmogorovSmirnovStatistic(x, y);
    }

    /**
     * The two-sided p-value {@code P(D >= d)} of the Kolmogorov-Smirnov statistic d of the samples, under
     * the hypothesis that they come from the same continuous distribution. Exact when
     * {@code x.length * y.length < 10000}, asymptotic (Kolmogorov distribution) otherwise, as
     * commons-math3 computes it. For small samples with ties commons-math3 first breaks the ties by a
     * deterministic jitter (a fixed seed), so the value is an approximation there; for large samples ties
     * make it conservative.
     *
     * @param x the first sample, at least 2 finite values
     * @param y the second sample, at least 2 finite values
     * @return the p-value in [0, 1]
     * @throws IllegalArgumentException as {@link #ksStatistic}
     */
    public static double ksPValue(double[] x, double[] y) {
        checkSamples("ksPValue", x, y, 2);
        // strict = false: P(D >= d), the usual p-value (strict = true would give P(D > d)).
        return test().kolmogorovSmirnovTest(x, y, false);
    }

    // The generator is used only by Monte Carlo p-values, which are not called here; a seeded one keeps
    // unseeded randomness out of the bundle anyway (the default constructor seeds from the clock). The
    // constructor taking it is deprecated in 3.6 for that reason, hence the suppression.
    @SuppressWarnings("deprecation")
    private static KolmogorovSmirnovTest test() {
        return new KolmogorovSmirnovTest(new JDKRandomGenerator(0));
    }

    /**
     * The Wasserstein-1 distance {@code integral of |F(t) - G(t)| dt} between the empirical
     * distributions of two samples, computed exactly on the sorted samples. For samples of equal size it
     * is the mean of {@code |x(i) - y(i)|} over the order statistics.
     *
     * @param x the first sample, at least 1 finite value
     * @param y the second sample, at least 1 finite value
     * @return the distance, &gt;= 0, in the unit of the values
     * @throws IllegalArgumentException if a sample is null or empty, or a value is not finite
     */
    public static double wasserstein1(double[] x, double[] y) {
        checkSamples("wasserstein1", x, y, 1);
        double[] xs = x.clone();
        double[] ys = y.clone();
        Arrays.sort(xs);
        Arrays.sort(ys);
        int n = xs.length;
        int m = ys.length;
        int i = 0;
        int j = 0;
        double prev = Math.min(xs[0], ys[0]);
        double sum = 0;
        while (i < n || j < m) {
            double next = Math.min(i < n ? xs[i] : Double.POSITIVE_INFINITY, j < m ? ys[j] : Double.POSITIVE_INFINITY);
            // On [prev, next) F = i/n and G = j/m.
            sum += Math.abs((double) i / n - (double) j / m) * (next - prev);
            while (i < n && xs[i] == next) {
                i++;
            }
            while (j < m && ys[j] == next) {
                j++;
            }
            prev = next;
        }
        return sum;
    }

    /**
     * The Jensen-Shannon divergence, base 2, between two histograms on the same bins. Each histogram is
     * normalised to sum 1 first, so counts can be given directly.
     *
     * @param p the first histogram: non-negative weights, not all 0
     * @param q the second histogram, on the same bins as {@code p}
     * @return JS in [0, 1]
     * @throws IllegalArgumentException if the lengths differ, a weight is negative or not finite, or a
     *                                  histogram sums to 0
     */
    public static double jensenShannon(double[] p, double[] q) {
        Checks.sameLengthFinite("jensenShannon", p, "p", q, "q", "one weight per bin");
        double sp = weightSum(p, "p");
        double sq = weightSum(q, "q");
        double js = 0;
        for (int i = 0; i < p.length; i++) {
            double a = p[i] / sp;
            double b = q[i] / sq;
            double mid = (a + b) / 2;
            if (a > 0) {
                js += a * Math.log(a / mid);
            }
            if (b > 0) {
                js += b * Math.log(b / mid);
            }
        }
        js /= 2 * Math.log(2);
        // Rounding can leave it a hair outside [0, 1].
        return Math.max(0, Math.min(1, js));
    }

    private static double weightSum(double[] w, String name) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] < 0) {
                throw new IllegalArgumentException("jensenShannon: " + name + "[" + i + "] must be >= 0, found "
                        + w[i]);
            }
            sum += w[i];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("jensenShannon: " + name + " must have a positive total weight, found "
                    + sum + " over " + w.length + " bins");
        }
        return sum;
    }

    private static void checkSamples(String method, double[] x, double[] y, int min) {
        Checks.notNull(method, x, "x");
        Checks.notNull(method, y, "y");
        String what = min == 1 ? "value" : "values";
        Checks.minLength(method, x, "x", min, what);
        Checks.minLength(method, y, "y", min, what);
        Checks.finite(method, x, "x");
        Checks.finite(method, y, "y");
    }
}
