package org.surrogate.bundles.autoencoders;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;

/**
 * Mult-VAE (Liang, Krishnan, Hoffman and Jebara 2018, called Mult-VAE<sup>PR</sup> there): a
 * variational autoencoder over a user's binary item row with a multinomial likelihood, trained with
 * the KL term annealed from 0 to {@code betaMax} over {@code totalAnnealSteps} gradient steps.
 *
 * <p>Defaults follow the paper and the authors' code: architecture [I-600-200-600-I] with tanh
 * hidden layers, dropout 0.5 on the L2-normalised input, Adam with learning rate 1e-3, batches of
 * 500 users, {@code betaMax} 0.2 reached after 200,000 steps, no weight decay. Scores fold in a
 * history and use the mean of the latent code (no sampling), so training users
 * ({@link Model#score}) and users held out of training ({@link Model#scoreHistories}, the strong
 * generalization protocol) are scored alike. See {@link AutoencoderTrainer} for the random streams
 * and the logged metrics, {@link AutoencoderGraph} for the network and the loss.
 */
@Component(service = Recommender.class)
public final class MultVaeRecommender implements Recommender {

    /** The plugin id. */
    public static final String ID = "mult-vae";

    /** The paper. */
    static final PaperReference PAPER = new PaperReference("Liang, Krishnan, Hoffman and Jebara, Variational "
            + "Autoencoders for Collaborative Filtering, WWW 2018", "https://doi.org/10.1145/3178876.3186150");

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "Mult-VAE",
            "Variational autoencoder with a multinomial likelihood over each user's items and an annealed KL "
                    + "term; scores a user by encoding their history (training users and new users alike).",
            PAPER, schema());

    private static ParamSchema schema() {
        return new ParamSchema(specs());
    }

    /**
     * Mult-VAE's parameter specs, in display order (CF-SFL's recommender reuses them).
     *
     * @return a new mutable list
     */
    static List<ParamSpec> specs() {
        List<ParamSpec> specs = AutoencoderSettings.commonParams(List.of(600, 200), 0.0);
        specs.add(ParamSpec.doubleParam("betaMax").defaultValue(0.2).min(0)
                .help("Cap of the KL weight beta (0.2 as Liang et al.; 1 is the plain VAE).").build());
        specs.add(ParamSpec.longParam("totalAnnealSteps").defaultValue(200_000L).min(0)
                .help("Gradient steps over which beta grows linearly from 0 (beta = min(betaMax, step / "
                        + "totalAnnealSteps)); 200000 as Liang et al.; 0 uses betaMax from the start.").build());
        return specs;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Trains the network.
     *
     * @param train  the training interactions (any interaction counts as 1)
     * @param params validated parameters
     * @param ctx    the run context: random streams "mult-vae-init", "mult-vae-shuffle",
     *               "mult-vae-dropout" and "mult-vae-noise", progress, cancellation, metrics
     *               "loss", "nll", "kl", "beta" and "seconds" per epoch
     * @return the model
     * @throws IllegalArgumentException if the training data has no interactions
     * @throws IllegalStateException if the loss becomes NaN or infinite
     * @throws org.surrogate.api.run.TrialCancelledException if the trial is cancelled
     */
    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        return new AutoencoderTrainer(AutoencoderSettings.from(ID, true, params)).fit(train, ctx);
    }

    /**
     * Reads a model written by {@link Model#save} of a Mult-VAE model.
     *
     * @param in     the saved model; not closed
     * @param params the parameters it was fitted with (not needed: the file holds the layers)
     * @return the model
     * @throws IOException if the stream is unreadable, truncated or not a Mult-VAE model
     */
    @Override
    public Model load(InputStream in, Params params) throws IOException {
        return AutoencoderModel.read(in, ID);
    }
}
