package org.surrogate.bundles.knownpreference;

import java.util.ArrayList;
import java.util.List;
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
 * The known-preference generator (survey section 4.3, "robust simulations"): a world of users and
 * items whose true preferences are known (see {@link World}), exposure through a known logging policy
 * ({@link LoggingPolicy}) and feedback through a choice model ({@link ChoiceModel}). Each user is
 * shown slates of {@code slateSize} items until they have chosen {@code interactionsPerUser} items
 * (or for {@code sessionsPerUser} sessions); every choice becomes an interaction with value 1 (or a
 * rating) and the time of its slate. The fitted model keeps the ground truth
 * ({@link GeneratorModel#truePreferences()}), so protocols can score against true preferences.
 * <pre>{@code
 * GeneratorModel world = generator.fit(null, params, ctx);       // or fit(real, twin=true, ...)
 * Dataset logged = world.sample(ctx);
 * Model truth = world.truePreferences().orElseThrow();
 * Dataset fed = world.sample(ctx, recommender.fit(logged, recParams, ctx).asPolicy()); // its exposure
 * }</pre>
 * In twin mode ({@code twin = true} with a reference) the numbers of users and items, the per-user
 * activity distribution and the item popularity curve come from the reference (see {@link TwinFit}
 * for what is and is not matched). The simulator {@value KnownPreferenceSimulator#ID} builds the
 * same world from the same world parameters and seed.
 *
 * <p>Randomness: the world from the fit context's seed (streams "world/..." and "twin/activity",
 * "rating-scale"), the interactions from the sample context's seed (stream "interactions", one
 * generator per user).
 */
@Component(service = Generator.class)
public final class KnownPreferenceGenerator implements Generator {

    /** The plugin id. */
    public static final String ID = "known-preference";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.GENERATOR,
            "Known-preference world",
            "Synthetic choices with known ground truth: latent-factor users and items around clusters with power-law "
                    + "popularity, exposure through a known logging policy (uniform, popularity, noisy oracle) and "
                    + "a multinomial-logit choice with position bias; optionally fitted to a real dataset's marginals.",
            new PaperReference("Lesnikowski et al., Synthetic Data and Simulators for Recommendation Systems: Current "
                    + "State and Future Directions, SimuRec workshop at RecSys 2021, section 4.3",
                    null),
            new ParamSchema(specs()));

    private static final String OWNER = "generator '" + ID + "'";

    private static List<ParamSpec> specs() {
        List<ParamSpec> specs = new ArrayList<>(KnownPreferenceParams.world());
        specs.add(ParamSpec.choiceParam("loggingPolicy", LoggingPolicy.labels()).defaultValue("popularity")
                .help("How slates are chosen: uniform (random items), popularity (in proportion to popularity "
                        + "weights) or oracle-noisy (the user's true top items after Gumbel noise of scale "
                        + "policyTemperature; a pass over all items per user, and per slate at temperature 0).")
                .build());
        specs.add(ParamSpec.doubleParam("policyTemperature").defaultValue(1.0).range(0, 1e6)
                .help("Noise scale of the oracle-noisy policy: 0 shows each user's true top items, larger values "
                        + "approach uniform.").build());
        specs.add(ParamSpec.intParam("slateSize").defaultValue(10).range(1, 10_000)
                .help("Items per slate; at most numItems.").build());
        specs.addAll(KnownPreferenceParams.choice());
        specs.add(ParamSpec.intParam("interactionsPerUser").defaultValue(20).range(0, 1_000_000)
                .help("Choices each user makes (slates are shown until then); at most numItems. Twin mode draws "
                        + "each user's number from the reference instead.").build());
        specs.add(ParamSpec.intParam("sessionsPerUser").defaultValue(0).range(0, 1_000_000)
                .help("When above 0, each user gets exactly this many sessions of sessionLength slates instead of "
                        + "a number of choices, and makes as many choices as happen.").build());
        specs.add(KnownPreferenceParams.SESSION_LENGTH);
        specs.add(ParamSpec.doubleParam("maxSlatesPerInteraction").defaultValue(50.0).range(1, 1e6)
                .help("A user stops after ceil(maxSlatesPerInteraction x target) slates even if short of the "
                        + "target (a warning counts such users).").build());
        specs.add(ParamSpec.choiceParam("valueMode", "implicit", "rating").defaultValue("implicit")
                .help("Value of a choice: implicit (1) or rating (1 to k+1 by the quantile of the true preference "
                        + "among all user-item pairs, with the k cut points ratingCuts).").build());
        specs.add(ParamSpec.doubleListParam("ratingCuts").defaultValue(List.of(0.5, 0.75, 0.9, 0.97))
                .openRange(0, 1).help("Quantiles of the true preference among all user-item pairs that separate "
                        + "ratings, strictly increasing; the defaults give chosen items a histogram close to "
                        + "MovieLens-100K's under the default world and popularity logging.").build());
        specs.add(KnownPreferenceParams.TWIN);
        specs.add(ParamSpec.intParam("threads").defaultValue(0).range(0, 1024)
                .help("Sampling threads; 0 uses every available processor. The data do not depend on it.").build());
        return specs;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Draws the world, from the parameters or, in twin mode, from a reference's marginals.
     *
     * @param reference a real dataset to imitate in twin mode; ignored otherwise; may be null
     * @param params    validated parameters
     * @param ctx       the run context: its seed, progress and cancellation
     * @return the fitted generator
     * @throws IllegalArgumentException if twin mode has no usable reference or the settings do not fit
     *                                  together (a slate or a user's choices larger than the catalogue)
     */
    @Override
    public GeneratorModel fit(Dataset reference, Params params, RunContext ctx) {
        WorldSettings world = KnownPreferenceParams.worldSettings(OWNER, params);
        SamplingSettings sampling = samplingSettings(params);
        ChoiceSettings choice = KnownPreferenceParams.choiceSettings(OWNER, params);
        TwinFit twin = null;
        String source = "";
        String name = ID;
        if (params.getBoolean("twin")) {
            twin = twin(reference, sampling, ctx);
            world = world.withSizes(twin.numUsers(), twin.numItems());
            source = ", from reference '" + reference.name() + "'";
            name = ID + " twin of " + reference.name();
        } else if (reference != null) {
            ctx.log(System.Logger.Level.INFO, OWNER + ": twin is false, so reference '" + reference.name()
                    + "' is not used");
        }
        sampling.checkAgainst(world.numItems(), source);
        ctx.progress(0, "drawing a world of " + world.numUsers() + " users and " + world.numItems() + " items");
        World w = World.draw(world, twin == null ? null : twin.rankWeights(), ctx);
        RatingScale scale = sampling.ratings() ? RatingScale.estimate(w, sampling.ratingCuts(), ctx.seed()) : null;
        ctx.progress(1, "world drawn");
        return new KnownPreferenceModel(name, w, new ChoiceModel(w, choice), sampling,
                twin == null ? null : twin.targets(), scale);
    }

    private static TwinFit twin(Dataset reference, SamplingSettings sampling, RunContext ctx) {
        if (reference == null) {
            throw new IllegalArgumentException(OWNER + ": twin is true but no reference dataset was given; "
                    + "give one or set twin to false");
        }
        if (sampling.sessionsPerUser() > 0) {
            throw new IllegalArgumentException(OWNER + ": twin mode matches each user's number of interactions, "
                    + "so sessionsPerUser must be 0, found " + sampling.sessionsPerUser());
        }
        return TwinFit.of(OWNER, reference, ctx);
    }

    /**
     * Reads the sampling settings.
     *
     * @param params validated parameters
     * @return the settings
     */
    static SamplingSettings samplingSettings(Params params) {
        return new SamplingSettings(OWNER, LoggingPolicy.fromLabel(params.getString("loggingPolicy")),
                params.getDouble("policyTemperature"), params.getInt("slateSize"), params.getInt("interactionsPerUser"),
                params.getInt("sessionsPerUser"), params.getInt("sessionLength"),
                params.getDouble("maxSlatesPerInteraction"), "rating".equals(params.getString("valueMode")),
                params.getDoubleList("ratingCuts"), params.getInt("threads"));
    }
}
