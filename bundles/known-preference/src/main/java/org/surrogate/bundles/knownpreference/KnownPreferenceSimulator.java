package org.surrogate.bundles.knownpreference;

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
import org.surrogate.api.run.RunContext;
import org.surrogate.api.simulator.Environment;
import org.surrogate.api.simulator.Simulator;

/**
 * The known-preference world as an interactive environment: any policy (a recommender's
 * {@code Model.asPolicy()}, a learned one) shows slates, and users of the world choose at most one
 * item of each by the multinomial-logit choice model with position bias (see
 * {@link KnownPreferenceEnvironment}). With the same world parameters and seed it is the same world
 * as the generator {@value KnownPreferenceGenerator#ID} draws, so data logged by the generator, a
 * recommender trained on it and this environment share one ground truth (the feedback loop of survey
 * section 4.2).
 * <pre>{@code
 * try (Environment env = simulator.create(null, params, ctx)) {
 *     Policy policy = model.asPolicy();
 *     Observation obs = env.reset(user);
 *     StepResult r;
 *     do {
 *         r = env.step(obs, policy.act(obs, 10));
 *         obs = r.next();
 *     } while (!r.done());
 * }
 * }</pre>
 * Logs are used only in twin mode, for the numbers of users and items and the popularity curve.
 */
@Component(service = Simulator.class)
public final class KnownPreferenceSimulator implements Simulator {

    /** The plugin id. */
    public static final String ID = "known-preference-env";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.SIMULATOR,
            "Known-preference environment",
            "Users with known latent true preferences who click at most one item of each slate by a multinomial "
                    + "logit with position bias and a no-choice option; the same world as the known-preference "
                    + "generator.",
            new PaperReference("Lesnikowski et al., Synthetic Data and Simulators for Recommendation Systems: Current "
                    + "State and Future Directions, SimuRec workshop at RecSys 2021, sections 4.2 and 4.3", null),
            new ParamSchema(specs()));

    private static final String OWNER = "simulator '" + ID + "'";

    private static List<ParamSpec> specs() {
        List<ParamSpec> specs = new ArrayList<>(KnownPreferenceParams.world());
        specs.addAll(KnownPreferenceParams.choice());
        specs.add(KnownPreferenceParams.SESSION_LENGTH);
        specs.add(KnownPreferenceParams.TWIN);
        return specs;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Draws the world and opens an environment on it.
     *
     * @param logs   a real dataset whose marginals twin mode copies; ignored otherwise; may be null
     * @param params validated parameters
     * @param ctx    the run context: the world from its seed, the environment's choices from its stream
     *               "env"
     * @return the environment, with horizon {@code sessionLength}
     * @throws IllegalArgumentException if twin mode has no usable logs
     */
    @Override
    public Environment create(Dataset logs, Params params, RunContext ctx) {
        WorldSettings world = KnownPreferenceParams.worldSettings(OWNER, params);
        double[] rankWeights = null;
        if (params.getBoolean("twin")) {
            if (logs == null) {
                throw new IllegalArgumentException(OWNER + ": twin is true but no logs were given; give a dataset "
                        + "or set twin to false");
            }
            TwinFit twin = TwinFit.of(OWNER, logs, ctx);
            world = world.withSizes(twin.numUsers(), twin.numItems());
            rankWeights = twin.rankWeights();
        }
        ctx.progress(0, "drawing a world of " + world.numUsers() + " users and " + world.numItems() + " items");
        World w = World.draw(world, rankWeights, ctx);
        ctx.progress(1, "world drawn");
        ChoiceModel choice = new ChoiceModel(w, KnownPreferenceParams.choiceSettings(OWNER, params));
        return new KnownPreferenceEnvironment(w, choice, params.getInt("sessionLength"), ctx.random("env"));
    }
}
