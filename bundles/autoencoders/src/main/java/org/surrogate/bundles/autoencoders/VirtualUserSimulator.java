package org.surrogate.bundles.autoencoders;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.simulator.Environment;
import org.surrogate.api.simulator.Simulator;

/**
 * CF-SFL's virtual user (Wang et al.) as a simulator: it trains CF-SFL on the logs exactly as the
 * recommender {@value CfSflRecommender#ID} does (same parameters, same random streams, T &ge; 1) and
 * answers slates with the trained reward estimator and feedback generator
 * ({@link VirtualUserEnvironment}): the step's reward is the estimator's score of the slate for the
 * user's history, each item's value its score alone, its feedback accept / ignore drawn from that
 * score. Sessions start from a user's logged items.
 * <pre>{@code
 * try (Environment env = simulator.create(logs, params, ctx)) {
 *     Observation obs = env.reset(user);
 *     StepResult r = env.step(obs, new int[] {3, 14, 15});
 *     double reward = r.reward();      // R(x, a) of the slate
 *     float[] perItem = r.values();    // R(x, e_j) of each item
 * }
 * }</pre>
 */
@Component(service = Simulator.class)
public final class VirtualUserSimulator implements Simulator {

    /** The plugin id. */
    public static final String ID = "cf-sfl-user";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.SIMULATOR,
            "CF-SFL virtual user",
            "Trains CF-SFL on the logs and answers slates with its virtual user: reward = the reward estimator's "
                    + "score R(x, a) of the slate for the user's history x, per item the score R(x, e_j) and an "
                    + "accept/ignore feedback drawn from it; accepted items join the history. The synthetic "
                    + "feedback embedding of the feedback generator is available to code in the bundle.",
            CfSflRecommender.PAPER, schema());

    private static ParamSchema schema() {
        List<ParamSpec> specs = CfSflRecommender.specs(1);
        specs.add(ParamSpec.intParam("horizon").defaultValue(10).range(0, 1_000_000)
                .help("Steps per session; 0 for no limit.").build());
        specs.add(ParamSpec.choiceParam("feedbackDraw", "sample", "threshold").defaultValue("sample")
                .help("How an item's feedback follows from its score R(x, e_j): accept with that probability "
                        + "(sample) or when it is at least 0.5 (threshold).").build());
        return new ParamSchema(specs);
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Trains CF-SFL on the logs and opens its virtual user as an environment.
     *
     * @param logs   the logged interactions (any interaction counts as a positive), one user per row
     * @param params validated parameters (CF-SFL's, feedbackSteps at least 1, and horizon, feedbackDraw)
     * @param ctx    the run context: CF-SFL's training streams and metrics (see
     *               {@link CfSflRecommender#fit}), then the stream {@code "cf-sfl-user-env"} for the
     *               feedback draws
     * @return the environment, over the logs' users and items
     * @throws IllegalArgumentException if no logs are given or they have no interactions
     */
    @Override
    public Environment create(Dataset logs, Params params, RunContext ctx) {
        if (logs == null) {
            throw new IllegalArgumentException("simulator '" + ID + "' learns its virtual user from logs, and none "
                    + "were given");
        }
        Model model = new CfSflRecommender().fit(logs, params, ctx);
        if (!(model instanceof CfSflModel sfl)) {
            throw new IllegalStateException("simulator '" + ID + "': CF-SFL with feedbackSteps "
                    + params.getInt("feedbackSteps") + " trained no virtual user");
        }
        return environment(sfl, params, ctx);
    }

    /**
     * The virtual user of an already trained CF-SFL model as an environment.
     *
     * @param model  the model (T &ge; 1)
     * @param params parameters with horizon and feedbackDraw
     * @param ctx    the context whose stream {@code "cf-sfl-user-env"} draws the feedback
     * @return the environment, over the model's training users
     */
    static VirtualUserEnvironment environment(CfSflModel model, Params params, RunContext ctx) {
        return new VirtualUserEnvironment(model.virtualUser(), model.trainRows(), params.getInt("horizon"),
                "sample".equals(params.getString("feedbackDraw")), ctx.random(ID + "-env"));
    }
}

