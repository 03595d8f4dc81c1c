package org.surrogate.bundles.demogenerator;

import java.util.Random;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.RunContext;

/**
 * A small seeded latent-factor generator of implicit feedback, for demos and smoke tests.
 *
 * <p>Users and items get Gaussian latent vectors; items get a power-law popularity weight
 * {@code rank^-popularitySkew} over a random popularity order. Each user then draws
 * {@code interactionsPerUser} distinct items, one after the other, each with probability
 * proportional to {@code weight(item) * exp(user . item)} among the items not drawn yet; the
 * interactions have value 1 and timestamps increasing in the order drawn.
 *
 * <p>It works from scratch (no reference). Fitted to a reference dataset with
 * {@code matchReference} true (the default), it copies the reference's numbers of users and items
 * and its mean number of interactions per user instead of the parameters. The full generator with
 * known preferences and a logging policy is a separate plugin.
 */
@Component(service = Generator.class)
public final class DemoLatentGenerator implements Generator {

    /** The plugin id. */
    public static final String ID = "demo-latent";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.GENERATOR,
            "Demo latent-factor generator",
            "Seeded implicit-feedback data: users pick distinct items with probability proportional to a "
                    + "power-law popularity weight times exp(user . item) of Gaussian latent vectors.",
            null,
            ParamSchema.of(
                    ParamSpec.intParam("numUsers").defaultValue(500).range(1, 1_000_000)
                            .help("Number of users (ignored when matchReference takes it from a reference).")
                            .build(),
                    ParamSpec.intParam("numItems").defaultValue(300).range(1, 1_000_000)
                            .help("Number of items (ignored when matchReference takes it from a reference).")
                            .build(),
                    ParamSpec.intParam("factors").defaultValue(8).range(1, 1_000)
                            .help("Dimension of the Gaussian user and item latent vectors.").build(),
                    ParamSpec.intParam("interactionsPerUser").defaultValue(20).range(1, 1_000_000)
                            .help("Distinct items each user interacts with; at most numItems (ignored when "
                                    + "matchReference takes the reference's mean activity).").build(),
                    ParamSpec.doubleParam("popularitySkew").defaultValue(1.0).range(0, 10)
                            .help("Power-law exponent of item popularity: the item of popularity rank r "
                                    + "(1 = most popular) has weight r^-popularitySkew; 0 makes popularity "
                                    + "uniform.").build(),
                    ParamSpec.booleanParam("matchReference").defaultValue(Boolean.TRUE)
                            .help("When fitted to a reference dataset, take numUsers, numItems and "
                                    + "interactionsPerUser (its mean activity) from it instead of the "
                                    + "parameters; without a reference this has no effect.").build()));

    // Latent components are N(0, 1/sqrt(factors)) so that u . v has variance 1 whatever the
    // dimension: the strength of the preference signal does not change with factors.
    private static final String FACTOR_STREAM = "factors";
    private static final String POPULARITY_STREAM = "popularity";

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Draws the latent vectors and popularity weights.
     *
     * @param reference a dataset whose sizes to copy when {@code matchReference} is set, or null
     * @param params    validated parameters
     * @param ctx       the run context; streams "factors" and "popularity"
     * @return the fitted generator
     * @throws IllegalArgumentException if the settings are incoherent, or the reference is empty
     */
    @Override
    public GeneratorModel fit(Dataset reference, Params params, RunContext ctx) {
        LatentSettings s = settings(reference, params);
        ctx.progress(0.0, "drawing latent vectors");
        Random factorRng = ctx.random(FACTOR_STREAM);
        double scale = 1.0 / Math.pow(s.factors(), 0.25);
        float[] users = gaussian(factorRng, s.numUsers() * (long) s.factors(), scale);
        float[] items = gaussian(factorRng, s.numItems() * (long) s.factors(), scale);
        float[] logWeights = logPopularityWeights(s.numItems(), s.popularitySkew(), ctx.random(POPULARITY_STREAM));
        ctx.progress(1.0, "latent vectors drawn");
        return new DemoLatentModel(s, users, items, logWeights);
    }

    /**
     * Resolves the settings from the parameters and, if asked, the reference.
     *
     * @param reference the reference dataset, or null
     * @param params    validated parameters
     * @return the settings
     */
    static LatentSettings settings(Dataset reference, Params params) {
        int factors = params.getInt("factors");
        double skew = params.getDouble("popularitySkew");
        if (reference == null || !params.getBoolean("matchReference")) {
            return new LatentSettings(params.getInt("numUsers"), params.getInt("numItems"), factors,
                    params.getInt("interactionsPerUser"), skew);
        }
        if (reference.numUsers() == 0 || reference.numItems() == 0) {
            throw new IllegalArgumentException("generator '" + ID + "': reference dataset '" + reference.name()
                    + "' has " + reference.numUsers() + " users and " + reference.numItems()
                    + " items; fit without a reference or set matchReference to false");
        }
        long mean = Math.round((double) reference.size() / reference.numUsers());
        int perUser = (int) Math.max(1, Math.min(mean, reference.numItems()));
        return new LatentSettings(reference.numUsers(), reference.numItems(), factors, perUser, skew);
    }

    private static float[] gaussian(Random rng, long n, double scale) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("generator '" + ID + "': " + n
                    + " latent values do not fit in memory; lower factors, numUsers or numItems");
        }
        float[] out = new float[(int) n];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (rng.nextGaussian() * scale);
        }
        return out;
    }

    /** log(rank^-skew) for every item, with popularity ranks assigned in a random order. */
    private static float[] logPopularityWeights(int numItems, double skew, Random rng) {
        int[] rankOf = new int[numItems];
        for (int i = 0; i < numItems; i++) {
            rankOf[i] = i;
        }
        for (int i = numItems - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = rankOf[i];
            rankOf[i] = rankOf[j];
            rankOf[j] = t;
        }
        float[] out = new float[numItems];
        for (int i = 0; i < numItems; i++) {
            out[i] = (float) (-skew * Math.log(rankOf[i] + 1.0));
        }
        return out;
    }
}
