package org.surrogate.bundles.nullgenerators;

import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.RunContext;

/**
 * A differentially private latent-factor generator: the item Gram matrix {@code X^T X} of the binary
 * user x item matrix and the histogram of user activity are released once with calibrated Gaussian noise
 * ({@link NoisyStatistics}, in the spirit of "Analyze Gauss", Dwork, Talwar, Thakurta, Zhang, STOC 2014), the
 * top {@code factors} eigenvectors of the noisy Gram matrix give item factors ({@link TopEigen}), and users are
 * sampled from a Gaussian over the latent space with the released first and second moments
 * ({@link DpLatentModel}).
 *
 * <p><b>Unit and accounting.</b> The protected unit is <em>one user</em> with all their interactions:
 * neighbouring datasets differ by adding or removing one user. Each user's distinct items are first bounded to
 * {@code maxItemsPerUser = m} (a random subset), so one user changes the upper triangle of the Gram matrix
 * (diagonal included) by at most {@code sqrt(m (m + 1) / 2)} in L2 norm and the activity histogram by 1. Both
 * are released with Gaussian noise whose sigmas split one analytic-Gaussian budget (Balle and Wang, ICML 2018):
 * the whole release is exactly (epsilon, delta)-DP for one user, and every synthetic dataset sampled from it,
 * any number of them, is post-processing with the same guarantee. Released without protection: the number of
 * items (the catalogue is public). Values, timestamps and repeats of the reference are not used.
 * {@code epsilon = Infinity} adds no noise (a plain low-rank generator).
 *
 * <p><b>Limits.</b> The noisy Gram matrix is dense: {@code 4 n^2} bytes for n items, and subspace iteration
 * costs {@code n^2 (factors + 8)} per iteration; catalogues above {@value #MAX_ITEMS} items are refused.
 * Sampling costs {@code n factors} per synthetic user.
 *
 * <p>Randomness: fit from the fit context (streams "dp-latent/clip", "dp-latent/noise", "dp-latent/eigen"),
 * sampling from the sampling context (stream {@value DpLatentModel#STREAM}, one generator per user).
 */
@Component(service = Generator.class)
public final class DpLatentGenerator implements Generator {

    /** The plugin id. */
    public static final String ID = "dp-latent";
    /** The largest catalogue accepted. */
    public static final int MAX_ITEMS = 8192;

    private static final String OWNER = "generator '" + ID + "'";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.GENERATOR,
            "Differentially private latent factors",
            "Releases the item co-occurrence (Gram) matrix and the user-activity histogram of a real dataset once with "
                    + "Gaussian noise, then samples users from the top eigenvectors of the noisy matrix. Protects one user "
                    + "(add/remove, items per user bounded to maxItemsPerUser = m): (epsilon, delta)-DP overall, L2 "
                    + "sensitivity sqrt(m(m+1)/2) for the Gram matrix and 1 for the histogram, one analytic-Gaussian "
                    + "budget split between them; all samples are post-processing. epsilon = Infinity adds no noise.",
            new PaperReference("Dwork, Talwar, Thakurta, Zhang. Analyze Gauss: Optimal Bounds for Privacy-Preserving "
                    + "Principal Component Analysis. STOC 2014; Balle, Wang. Improving the Gaussian Mechanism for "
                    + "Differential Privacy. ICML 2018; survey sections 2 and 4.4", null),
            ParamSchema.of(
                    ParamSpec.doubleParam("epsilon").defaultValue(1.0).greaterThan(0)
                            .help("Privacy budget per user for the whole release; 'Infinity' adds no noise.").build(),
                    ParamSpec.doubleParam("delta").defaultValue(1e-6).openRange(0, 1)
                            .help("Failure probability; keep it well below 1 / number of users.").build(),
                    ParamSpec.intParam("factors").defaultValue(16).range(1, 256)
                            .help("Latent factors: top eigenvectors of the noisy Gram matrix kept.").build(),
                    ParamSpec.intParam("maxItemsPerUser").defaultValue(100).range(1, MAX_ITEMS)
                            .help("Contribution bound m: users with more distinct items keep a random m of them. "
                                    + "Larger m keeps more data but the noise grows as m.").build(),
                    ParamSpec.doubleParam("activityShare").defaultValue(0.1).openRange(0, 1)
                            .help("Share of the (squared) noise budget spent on the activity histogram.").build(),
                    ParamSpec.intParam("powerIterations").defaultValue(20).range(1, 1000)
                            .help("Subspace iterations for the eigenvectors.").build(),
                    ParamSpec.intParam("numUsers").defaultValue(0).range(0, 100_000_000)
                            .help("Synthetic users per sample; 0 uses the noisy number of users.").build(),
                    ParamSpec.doubleParam("smoothing").defaultValue(0.05).range(0, 1e6)
                            .help("Weight of a uniform floor added to each item's sampling weight, as a multiple of "
                                    + "the mean weight; 0 samples only items with positive reconstructed score.")
                            .build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Releases the noisy statistics of the reference and fits the latent model on them.
     *
     * @param reference the real dataset, required, at most {@value #MAX_ITEMS} items
     * @param params    validated parameters
     * @param ctx       the run context: seed, progress, cancellation, log
     * @return the fitted generator
     * @throws IllegalArgumentException if the reference is missing, empty or too wide, or factors exceeds its
     *                                  number of items
     */
    @Override
    public GeneratorModel fit(Dataset reference, Params params, RunContext ctx) {
        Reference.require(OWNER, reference);
        DpLatentSettings s = DpLatentSettings.from(params);
        int n = reference.numItems();
        if (n > MAX_ITEMS) {
            throw new IllegalArgumentException(OWNER + ": the reference '" + reference.name() + "' has " + n
                    + " items; at most " + MAX_ITEMS + " are supported (the noisy Gram matrix is dense); filter "
                    + "the catalogue first");
        }
        if (s.factors() > n) {
            throw new IllegalArgumentException(OWNER + ": factors must be at most the number of items " + n
                    + ", found " + s.factors());
        }
        double[] sigmas = s.sigmas();
        ctx.log(System.Logger.Level.INFO, OWNER + ": user-level (" + s.epsilon() + ", " + s.delta() + ")-DP, m = "
                + s.maxItemsPerUser() + ", Gram sensitivity " + s.gramSensitivity() + ", sigma Gram " + sigmas[0]
                + ", sigma histogram " + sigmas[1]);
        ctx.progress(0, "noisy statistics");
        NoisyStatistics stats = NoisyStatistics.measure(reference, s, ctx);
        // Noise of a symmetric n x n Gaussian matrix has eigenvalues within about 2 sigma sqrt(n).
        double shift = 2.5 * sigmas[0] * Math.sqrt(n);
        TopEigen eigen = TopEigen.compute(stats.gram(), n, s.factors(), s.iterations(), shift,
                new SplittableRandom(RunContext.streamSeed(ctx.seed(), "dp-latent/eigen")), ctx);
        String name = ID + " of " + reference.name() + (s.noisy() ? " (epsilon=" + s.epsilon() + ")" : "");
        DpLatentModel model = new DpLatentModel(name, stats, eigen, s.numUsers(), s.smoothing());
        ctx.progress(1, "fitted " + s.factors() + " factors; " + model.numUsers() + " users per sample");
        return model;
    }
}
