package org.surrogate.bundles.s2r;

import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Policy;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.simulator.Environment;

/**
 * The S2R-Rec agent and its ablations as one recommender: a DQN with an LSTM state encoder, trained
 * by interacting with a sim-to-real environment of this bundle (see {@link S2rAgent} and
 * {@link AgentSettings}). {@link #learn} returns a greedy policy over the <em>real</em> domain's
 * items: trained in the simulator (plus the small real budget), deployed in the real task.
 */
@Component(service = Recommender.class)
public final class S2rRecRecommender implements Recommender {

    /** The plugin id. */
    public static final String ID = "s2r-rec";

    /** The descriptor. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "S2R-Rec (DQN with dynamics and representation adaptation)",
            "DQN with an LSTM state encoder trained in the simulator; dynamics adaptation corrects the simulator "
                    + "reward with the log-ratio of classifiers D_sas and D_sa, representation adaptation aligns "
                    + "the SVD item features of both domains adversarially, jointly trained. Variants: the "
                    + "ablations w/o DynAda, w/o RepAda, w/o JntTrn and DQN-R. Needs an environment from "
                    + "s2r-genre-split or s2r-known-preference-gap; acts in the real domain.",
            S2rPaper.REFERENCE, AgentSettings.schema());

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Not supported: S2R-Rec learns by interaction.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        throw new UnsupportedOperationException("recommender '" + ID + "' learns by interaction: call "
                + "learn(Environment) with a sim-to-real environment (protocol 'sim-to-real')");
    }

    @Override
    public Policy learn(Environment env, Params params, RunContext ctx) {
        SimToRealTask task = SimToRealEnvironment.taskOf(env, ID);
        return new S2rAgent(task, AgentSettings.from(params), ctx, ID).train();
    }
}
