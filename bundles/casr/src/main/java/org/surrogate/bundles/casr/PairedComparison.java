package org.surrogate.bundles.casr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.surrogate.bundles.commons.stats.Bootstrap;
import org.surrogate.bundles.commons.stats.Interval;

/**
 * A paired comparison of one metric over the same test users: the mean per-user difference
 * (augmented minus plain) with a bootstrap 95 % interval, a two-sided paired t-test and a
 * Wilcoxon signed-rank test (zero differences dropped, Wilcoxon's convention).
 *
 * @param users  the users in both
 * @param delta  the mean difference
 * @param lower  the interval's lower end (NaN without resamples)
 * @param upper  the interval's upper end
 * @param pT     the paired t-test p-value (1 when every difference is 0; NaN below 2 users)
 * @param pW     the Wilcoxon p-value
 */
record PairedComparison(int users, double delta, double lower, double upper, double pT, double pW) {

    /**
     * Compares per-user values.
     *
     * @param base      user to value of the plain model
     * @param augmented user to value of the augmented model
     * @param resamples bootstrap replicates (0 for no interval)
     * @param seed      the bootstrap's seed
     * @return the comparison
     */
    static PairedComparison of(Map<Integer, Double> base, Map<Integer, Double> augmented, int resamples, long seed) {
        List<Integer> users = new ArrayList<>(base.keySet());
        users.retainAll(augmented.keySet());
        users.sort(null);
        int n = users.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] d = new double[n];
        double sum = 0;
        boolean allZero = true;
        for (int i = 0; i < n; i++) {
            x[i] = augmented.get(users.get(i));
            y[i] = base.get(users.get(i));
            d[i] = x[i] - y[i];
            sum += d[i];
            allZero &= d[i] == 0;
        }
        double delta = n == 0 ? Double.NaN : sum / n;
        double pT = Double.NaN;
        double pW = Double.NaN;
        if (n >= 2 && !allZero) {
            pT = new TTest().pairedTTest(x, y);
            pW = wilcoxon(d);
        } else if (allZero && n > 0) {
            pT = 1;
            pW = 1;
        }
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (resamples > 0 && n >= 2) {
            Interval ci = Bootstrap.meanInterval(d, resamples, 0.95, new SplittableRandom(seed));
            lo = ci.lower();
            hi = ci.upper();
        }
        return new PairedComparison(n, delta, lo, hi, pT, pW);
    }

    /** Two-sided Wilcoxon signed-rank p-value, zero differences dropped; exact up to 16 non-zero. */
    static double wilcoxon(double[] differences) {
        int nonZero = 0;
        for (double v : differences) {
            nonZero += v != 0 ? 1 : 0;
        }
        if (nonZero < 2) {
            return 1;
        }
        double[] a = new double[nonZero];
        int i = 0;
        for (double v : differences) {
            if (v != 0) {
                a[i++] = v;
            }
        }
        return new WilcoxonSignedRankTest().wilcoxonSignedRankTest(a, new double[nonZero], nonZero <= 16);
    }
}
