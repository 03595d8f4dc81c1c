package org.surrogate.bundles.nullgenerators;

import org.surrogate.bundles.commons.stats.GaussianCalibration;
import org.surrogate.api.param.Params;

/**
 * The validated parameters of {@code dp-latent}.
 *
 * @param epsilon         the budget, &gt; 0 (Infinity: no noise)
 * @param delta           the failure probability, in (0, 1)
 * @param factors         the number of latent factors k, &gt;= 1
 * @param maxItemsPerUser the contribution bound m, &gt;= 1
 * @param activityShare   the share w of the squared noise budget spent on the activity histogram, in (0, 1)
 * @param iterations      subspace iterations, &gt;= 1
 * @param numUsers        synthetic users, 0 for the noisy count
 * @param smoothing       weight of the uniform floor in the item probabilities, &gt;= 0
 */
record DpLatentSettings(double epsilon, double delta, int factors, int maxItemsPerUser, double activityShare,
                        int iterations, int numUsers, double smoothing) {

    /**
     * Checks the values (the schema checks each; this guards direct use).
     *
     * @throws IllegalArgumentException naming the parameter, the value and the rule
     */
    DpLatentSettings {
        String owner = "generator '" + DpLatentGenerator.ID + "': ";
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException(owner + "epsilon must be > 0, found " + epsilon);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException(owner + "delta must be in (0, 1), found " + delta);
        }
        if (factors < 1 || maxItemsPerUser < 1 || iterations < 1 || numUsers < 0) {
            throw new IllegalArgumentException(owner + "factors, maxItemsPerUser and powerIterations must be >= 1 and "
                    + "numUsers >= 0, found " + factors + ", " + maxItemsPerUser + ", " + iterations + ", " + numUsers);
        }
        if (!(activityShare > 0 && activityShare < 1)) {
            throw new IllegalArgumentException(owner + "activityShare must be in (0, 1), found " + activityShare);
        }
        if (!(smoothing >= 0) || Double.isInfinite(smoothing)) {
            throw new IllegalArgumentException(owner + "smoothing must be a finite number >= 0, found " + smoothing);
        }
    }

    /**
     * Reads the settings.
     *
     * @param params parameters validated against {@link DpLatentGenerator#DESCRIPTOR}
     * @return the settings
     */
    static DpLatentSettings from(Params params) {
        return new DpLatentSettings(params.getDouble("epsilon"), params.getDouble("delta"), params.getInt("factors"),
                params.getInt("maxItemsPerUser"), params.getDouble("activityShare"), params.getInt("powerIterations"),
                params.getInt("numUsers"), params.getDouble("smoothing"));
    }

    /**
     * Whether noise is added.
     *
     * @return false when epsilon is Infinity
     */
    boolean noisy() {
        return epsilon != Double.POSITIVE_INFINITY;
    }

    /**
     * The L2 sensitivity of the upper triangle (with the diagonal) of the item Gram matrix X^T X when one
     * user with at most m distinct items is added or removed: that user's m ones on the diagonal and
     * m (m - 1) / 2 ones above it.
     *
     * @return {@code sqrt(m (m + 1) / 2)}
     */
    double gramSensitivity() {
        return Math.sqrt(maxItemsPerUser * (maxItemsPerUser + 1.0) / 2);
    }

    /**
     * The noise standard deviations of the Gram matrix and of the activity histogram: with z the analytic
     * Gaussian sigma for sensitivity 1 at (epsilon, delta), {@code sigmaGram = gramSensitivity z / sqrt(1 - w)}
     * and {@code sigmaHistogram = z / sqrt(w)}, so the two releases together are one Gaussian mechanism
     * with sensitivity {@code sqrt((1 - w) + w) / z = 1 / z} relative to unit noise: exactly
     * (epsilon, delta)-DP, with no loss from composition.
     *
     * @return {sigmaGram, sigmaHistogram}; zeros when epsilon is Infinity
     */
    double[] sigmas() {
        if (!noisy()) {
            return new double[] {0, 0};
        }
        double z = GaussianCalibration.analyticSigma(epsilon, delta, 1);
        return new double[] {gramSensitivity() * z / Math.sqrt(1 - activityShare), z / Math.sqrt(activityShare)};
    }
}
