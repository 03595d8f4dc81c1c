package org.surrogate.bundles.privacy;

import org.surrogate.bundles.commons.stats.GaussianCalibration;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.privacy.PrivacyGuarantee;
import org.surrogate.api.privacy.PrivacyMechanism;
import org.surrogate.api.run.RunContext;

/**
 * The Gaussian mechanism on rating values: every rating is clipped to {@code [minRating, maxRating]},
 * gets independent {@code N(0, sigma^2)} noise, and the result is clipped and optionally rounded
 * ({@link RatingRange}). Sigma is calibrated for the sensitivity {@code Delta = maxRating - minRating} by
 * the analytic Gaussian mechanism of Balle and Wang (ICML 2018; the default, exact for every epsilon) or
 * by the classic bound {@code Delta sqrt(2 ln(1.25 / delta)) / epsilon} of Dwork and Roth (valid only for
 * epsilon &lt; 1; refused otherwise); see {@link GaussianCalibration}.
 *
 * <p><b>Unit and accounting.</b> The protected unit is the <em>value of one interaction</em>: neighbouring
 * datasets have the same (user, item, timestamp) records and differ in the value of one rating, by at most
 * Delta. The release is (epsilon, delta)-DP for that unit (and (epsilon, delta)-local DP per rating). Which
 * items a user rated, how many and when are <em>not protected</em>. For a user's n ratings together the
 * noise is one Gaussian mechanism of L2 sensitivity {@code Delta sqrt(n)} with the same sigma, whose
 * (epsilon, delta) follows from the same privacy profile (better than n-fold composition).
 * {@code epsilon = Infinity} returns the input unchanged.
 *
 * <p>Randomness: one generator from the stream {@value #STREAM}, noise drawn in interaction order.
 */
@Component(service = PrivacyMechanism.class)
public final class GaussianRatings implements PrivacyMechanism {

    /** The plugin id. */
    public static final String ID = "gaussian-ratings";
    /** Parameter: the calibration of sigma. */
    public static final String CALIBRATION = "calibration";

    static final String STREAM = "gaussian-ratings";
    private static final String OWNER = "privacy mechanism '" + ID + "'";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.PRIVACY_MECHANISM,
            "Gaussian noise on ratings",
            "Clips each rating to [minRating, maxRating], adds N(0, sigma^2) noise with sigma calibrated to "
                    + "(epsilon, delta) for sensitivity maxRating - minRating (analytic Gaussian mechanism of Balle and "
                    + "Wang by default, or the classic bound for epsilon < 1), clips again and optionally rounds. Protects "
                    + "the value of one interaction: (epsilon, delta)-DP per rating; which items a user rated and when are "
                    + "released as is. epsilon = Infinity returns the data unchanged.",
            new PaperReference("Balle, Wang. Improving the Gaussian Mechanism for Differential Privacy: Analytical "
                    + "Calibration and Optimal Denoising. ICML 2018; Dwork, Roth. The Algorithmic Foundations of "
                    + "Differential Privacy, 2014, Theorem A.1; survey section 2.2", null),
            new ParamSchema(specs()));

    private static List<ParamSpec> specs() {
        List<ParamSpec> specs = new ArrayList<>();
        specs.add(Budget.epsilon("rating"));
        specs.add(Budget.delta());
        specs.add(ParamSpec.choiceParam(CALIBRATION, "analytic", "classic").defaultValue("analytic")
                .help("How sigma is computed: analytic (Balle and Wang 2018, the smallest sigma giving (epsilon, "
                        + "delta), any epsilon) or classic (Delta sqrt(2 ln(1.25/delta)) / epsilon, only for epsilon < 1)."
                ).build());
        specs.addAll(RatingRange.specs());
        return specs;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * The guarantee: (epsilon, delta)-DP per rating value.
     *
     * @param params validated parameters
     * @return the guarantee
     * @throws IllegalArgumentException if the classic calibration is asked for epsilon &gt;= 1
     */
    @Override
    public PrivacyGuarantee guarantee(Params params) {
        double epsilon = params.getDouble(Budget.EPSILON);
        if (Budget.none(epsilon)) {
            return Budget.unprotected(ID);
        }
        double delta = params.getDouble(Budget.DELTA);
        RatingRange range = RatingRange.from(OWNER, params);
        String calibration = params.getString(CALIBRATION);
        return new PrivacyGuarantee(epsilon, delta, "interaction-level (epsilon, delta)-DP (and local DP) for the "
                + "value of each rating, Gaussian noise sigma = " + Budget.format(sigma(params, range)) + " ("
                + calibration + " calibration); " + range.describe() + "; which items each user rated, how many "
                + "and when are not protected; a user's n ratings together are a Gaussian mechanism of L2 "
                + "sensitivity " + Budget.format(range.sensitivity()) + " * sqrt(n)");
    }

    /**
     * Adds the noise.
     *
     * @param data   the dataset; values are ratings
     * @param params validated parameters
     * @param ctx    the run context: stream {@value #STREAM}, progress, cancellation, log
     * @return the perturbed dataset with the id spaces and timestamps of {@code data}, or {@code data}
     *         itself when epsilon is Infinity
     * @throws IllegalArgumentException on an inconsistent rating range, or classic calibration with epsilon &gt;= 1
     */
    @Override
    public Dataset apply(Dataset data, Params params, RunContext ctx) {
        double epsilon = params.getDouble(Budget.EPSILON);
        RatingRange range = RatingRange.from(OWNER, params);
        if (Budget.none(epsilon)) {
            ctx.log(System.Logger.Level.INFO, OWNER + ": epsilon is Infinity, data returned unchanged");
            return data;
        }
        double sigma = sigma(params, range);
        ctx.log(System.Logger.Level.INFO, OWNER + ": sigma = " + sigma + " (" + params.getString(CALIBRATION)
                + " calibration)");
        return RatingPerturbation.apply(data, data.name() + " (" + ID + " epsilon=" + Budget.format(epsilon)
                + " delta=" + params.getDouble(Budget.DELTA) + ")", range, rng -> Noise.gaussian(rng, sigma), STREAM, ctx);
    }

    /**
     * The calibrated standard deviation.
     *
     * @param params validated parameters with a finite epsilon
     * @param range  the rating range
     * @return sigma
     * @throws IllegalArgumentException for the classic calibration with epsilon &gt;= 1
     */
    static double sigma(Params params, RatingRange range) {
        double epsilon = params.getDouble(Budget.EPSILON);
        double delta = params.getDouble(Budget.DELTA);
        if ("classic".equals(params.getString(CALIBRATION))) {
            try {
                return GaussianCalibration.classicSigma(epsilon, delta, range.sensitivity());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(OWNER + ": " + e.getMessage(), e);
            }
        }
        return GaussianCalibration.analyticSigma(epsilon, delta, range.sensitivity());
    }
}
