package org.surrogate.bundles.s2r;

import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Policy;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.simulator.Environment;

/**
 * The paper's MF baseline: user representations from the SVD of the simulation ratings (a real
 * user's simulation-genre ratings folded in), item representations from the SVD of the real
 * training ratings, greedy by the predicted rating {@code <u, v>}. The two SVD bases are not aligned,
 * which is the point of the baseline: it shows what transfers without adaptation.
 */
@Component(service = Recommender.class)
public final class MfBaseline implements Recommender {

    /** The plugin id. */
    public static final String ID = "s2r-mf";

    /** The descriptor. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "S2R-Rec baseline: MF (SVD, no adaptation)",
            "Ranks real items by <simulation-SVD user vector, real-SVD item vector> and shows the best unseen item "
                    + "each step (no feedback, no alignment). Needs a sim-to-real environment.",
            S2rPaper.REFERENCE, ParamSchema.EMPTY);

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Not supported: the baseline needs the two-domain task of a sim-to-real environment.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        throw new UnsupportedOperationException("recommender '" + ID + "' needs a sim-to-real environment: use "
                + "learn(Environment) (protocol 'sim-to-real')");
    }

    @Override
    public Policy learn(Environment env, Params params, RunContext ctx) {
        SimToRealTask task = SimToRealEnvironment.taskOf(env, ID);
        return new ScorePolicy(task.realUserSimFeatures(), task.realItemFeatures());
    }
}
