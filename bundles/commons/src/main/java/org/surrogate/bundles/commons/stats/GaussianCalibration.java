package org.surrogate.bundles.commons.stats;

import org.apache.commons.math3.special.Erf;

/**
 * Calibrates the standard deviation of the Gaussian mechanism {@code f(D) + N(0, sigma^2 I)} for an
 * L2 sensitivity {@code Delta} and a target (epsilon, delta).
 *
 * <ul>
 * <li>{@link #classicSigma}: {@code sigma = Delta sqrt(2 ln(1.25 / delta)) / epsilon}, the bound of
 *     Dwork and Roth, <i>The Algorithmic Foundations of Differential Privacy</i> (2014), Theorem A.1,
 *     valid only for epsilon &lt; 1;</li>
 * <li>{@link #analyticSigma}: the smallest sigma whose privacy profile meets delta exactly, the analytic
 *     Gaussian mechanism of Balle and Wang, <i>Improving the Gaussian Mechanism for Differential
 *     Privacy: Analytical Calibration and Optimal Denoising</i>, ICML 2018, Theorem 8: the mechanism is
 *     (epsilon, delta)-DP if and only if
 *     {@code Phi(Delta / 2 sigma - epsilon sigma / Delta) - e^epsilon Phi(-Delta / 2 sigma - epsilon sigma / Delta) <= delta}.
 *     Valid for every epsilon &gt; 0 and never larger than the classic sigma.</li>
 * </ul>
 * The analytic sigma is found by bisection on log sigma to a relative precision of 1e-12, returning the
 * upper end of the final bracket, so the profile at the returned sigma is at most delta.
 */
public final class GaussianCalibration {

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private GaussianCalibration() {
    }

    /**
     * The classic calibration.
     *
     * @param epsilon     the budget, in (0, 1)
     * @param delta       the failure probability, in (0, 1)
     * @param sensitivity the L2 sensitivity, &gt; 0
     * @return sigma
     * @throws IllegalArgumentException if epsilon is not below 1
     */
    public static double classicSigma(double epsilon, double delta, double sensitivity) {
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("the classic Gaussian calibration holds only for epsilon in (0, 1), "
                    + "found " + epsilon + "; use calibration 'analytic'");
        }
        checkDelta(delta);
        return sensitivity * Math.sqrt(2 * Math.log(1.25 / delta)) / epsilon;
    }

    /**
     * The analytic calibration (Balle and Wang 2018).
     *
     * @param epsilon     the budget, &gt; 0 and finite
     * @param delta       the failure probability, in (0, 1)
     * @param sensitivity the L2 sensitivity, &gt; 0
     * @return the smallest sigma (to 1e-12 relative) with {@code profile(epsilon, sigma, sensitivity) <= delta}
     */
    public static double analyticSigma(double epsilon, double delta, double sensitivity) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a finite number > 0, found " + epsilon);
        }
        checkDelta(delta);
        // Work with sensitivity 1; sigma scales linearly with the sensitivity.
        double hi = 1;
        while (profile(epsilon, hi) > delta) {
            hi *= 2;
        }
        double lo = hi / 2;
        while (profile(epsilon, lo) <= delta) {
            hi = lo;
            lo /= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = Math.sqrt(lo * hi);
            if (profile(epsilon, mid) > delta) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi * sensitivity;
    }

    /**
     * The privacy profile: the smallest delta for which the Gaussian mechanism with sensitivity 1 and
     * this sigma is (epsilon, delta)-DP.
     *
     * @param epsilon the budget
     * @param sigma   the standard deviation relative to the sensitivity
     * @return delta
     */
    public static double profile(double epsilon, double sigma) {
        double a = 1 / (2 * sigma);
        double b = epsilon * sigma;
        double first = phi(a - b);
        double second = Math.exp(epsilon + logPhi(-a - b));
        return Math.max(0, first - second);
    }

    private static void checkDelta(double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), found " + delta);
        }
    }

    /** The standard normal distribution function. */
    static double phi(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }

    /** The logarithm of the standard normal distribution function, accurate far in the lower tail. */
    static double logPhi(double x) {
        if (x > -30) {
            return Math.log(phi(x));
        }
        // Asymptotic series of Mills' ratio: Phi(x) = phi(x) / |x| (1 - 1/x^2 + 3/x^4 - 15/x^6 + ...).
        double x2 = x * x;
        return -x2 / 2 - Math.log(-x) - LOG_SQRT_2PI + Math.log1p(-1 / x2 + 3 / (x2 * x2) - 15 / (x2 * x2 * x2));
    }
}
