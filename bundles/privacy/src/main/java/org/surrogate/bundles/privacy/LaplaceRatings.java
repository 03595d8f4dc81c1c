package org.surrogate.bundles.privacy;

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
 * The Laplace mechanism on rating values (input perturbation, as in Berlioz et al., RecSys 2015): every
 * rating is clipped to {@code [minRating, maxRating]}, gets independent Laplace noise of scale
 * {@code b = (maxRating - minRating) / epsilon}, and the result is clipped and optionally rounded
 * ({@link RatingRange}).
 *
 * <p><b>Unit and accounting.</b> The protected unit is the <em>value of one interaction</em>: two datasets
 * are neighbours when they have the same (user, item, timestamp) records and differ in the value of one
 * rating. Each rating is perturbed independently with sensitivity {@code maxRating - minRating}, so the
 * release is epsilon-DP (delta = 0) for that unit, and in fact epsilon-local DP for each rating. Which
 * items a user rated, how many and when are released <em>unchanged and unprotected</em>. By basic
 * composition a user with n ratings has {@code n * epsilon} for the values of all their ratings together.
 * {@code epsilon = Infinity} returns the input unchanged (no clipping either).
 *
 * <p>Randomness: one generator from the stream {@value #STREAM}, noise drawn in interaction order.
 */
@Component(service = PrivacyMechanism.class)
public final class LaplaceRatings implements PrivacyMechanism {

    /** The plugin id. */
    public static final String ID = "laplace-ratings";

    static final String STREAM = "laplace-ratings";
    private static final String OWNER = "privacy mechanism '" + ID + "'";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.PRIVACY_MECHANISM,
            "Laplace noise on ratings",
            "Clips each rating to [minRating, maxRating], adds Laplace noise of scale (maxRating - minRating) / epsilon, "
                    + "clips again and optionally rounds to a grid. Protects the value of one interaction: epsilon-DP "
                    + "(delta 0) per rating, epsilon-local DP; which items a user rated and when are released as is; "
                    + "a user with n ratings has n * epsilon by composition. epsilon = Infinity returns the data unchanged.",
            new PaperReference("Berlioz, Friedman, Kaafar, Boreli, Berkovsky. Applying Differential Privacy to Matrix "
                    + "Factorization. RecSys 2015 (input perturbation); Dwork, McSherry, Nissim, Smith. Calibrating "
                    + "Noise to Sensitivity in Private Data Analysis. TCC 2006; survey section 2.2", null),
            new ParamSchema(specs()));

    private static List<ParamSpec> specs() {
        List<ParamSpec> specs = new ArrayList<>();
        specs.add(Budget.epsilon("rating"));
        specs.addAll(RatingRange.specs());
        return specs;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * The guarantee: epsilon-DP per rating value.
     *
     * @param params validated parameters
     * @return the guarantee, delta 0
     */
    @Override
    public PrivacyGuarantee guarantee(Params params) {
        double epsilon = params.getDouble(Budget.EPSILON);
        if (Budget.none(epsilon)) {
            return Budget.unprotected(ID);
        }
        RatingRange range = RatingRange.from(OWNER, params);
        return new PrivacyGuarantee(epsilon, 0, "interaction-level epsilon-DP (and epsilon-local DP) for the value "
                + "of each rating, Laplace noise of scale " + Budget.format(scale(range, epsilon)) + "; "
                + range.describe() + "; which items each user rated, how many and when are not protected; "
                + "a user with n ratings has n * epsilon by basic composition");
    }

    /**
     * Adds the noise.
     *
     * @param data   the dataset; values are ratings
     * @param params validated parameters
     * @param ctx    the run context: stream {@value #STREAM}, progress, cancellation, log
     * @return the perturbed dataset with the id spaces and timestamps of {@code data}, or {@code data}
     *         itself when epsilon is Infinity
     * @throws IllegalArgumentException if minRating is not below maxRating or the rounding step is out of range
     */
    @Override
    public Dataset apply(Dataset data, Params params, RunContext ctx) {
        double epsilon = params.getDouble(Budget.EPSILON);
        RatingRange range = RatingRange.from(OWNER, params);
        if (Budget.none(epsilon)) {
            ctx.log(System.Logger.Level.INFO, OWNER + ": epsilon is Infinity, data returned unchanged");
            return data;
        }
        double b = scale(range, epsilon);
        return RatingPerturbation.apply(data, data.name() + " (" + ID + " epsilon=" + Budget.format(epsilon) + ")",
                range, rng -> Noise.laplace(rng, b), STREAM, ctx);
    }

    /**
     * The Laplace scale.
     *
     * @param range   the rating range
     * @param epsilon the budget
     * @return {@code (max - min) / epsilon}
     */
    static double scale(RatingRange range, double epsilon) {
        return range.sensitivity() / epsilon;
    }
}
