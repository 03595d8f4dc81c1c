package org.surrogate.bundles.autoencoders;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;

/**
 * Mult-DAE (Liang, Krishnan, Hoffman and Jebara 2018): a denoising autoencoder over a user's binary
 * item row with a multinomial likelihood; the Mult-VAE network without the variational part (the
 * code is a tanh layer, no noise, no KL term).
 *
 * <p>Architecture: the default is [I-200-I], as in the authors' released code for Mult-DAE
 * ({@code p_dims = [200, n_items]}, tanh code layer), with their weight decay {@code 0.01 / 500} on
 * the weight matrices ({@code l2 = 2e-5}). The paper's text gives [I-600-200-600-I] for both models;
 * {@code encoderDims: [600, 200]} trains that. Other defaults as Mult-VAE: dropout 0.5 on the
 * L2-normalised input, Adam with learning rate 1e-3, batches of 500 users. Scoring folds in a
 * history, for training users and new users alike.
 */
@Component(service = Recommender.class)
public final class MultDaeRecommender implements Recommender {

    /** The plugin id. */
    public static final String ID = "mult-dae";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "Mult-DAE",
            "Denoising autoencoder (input dropout) with a multinomial likelihood over each user's items; scores a "
                    + "user by encoding their history (training users and new users alike).",
            MultVaeRecommender.PAPER, new ParamSchema(AutoencoderSettings.commonParams(List.of(200), 2e-5)));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Trains the network.
     *
     * @param train  the training interactions (any interaction counts as 1)
     * @param params validated parameters
     * @param ctx    the run context: random streams "mult-dae-init", "mult-dae-shuffle" and
     *               "mult-dae-dropout", progress, cancellation, metrics "loss", "nll" and "seconds"
     *               per epoch
     * @return the model
     * @throws IllegalArgumentException if the training data has no interactions
     * @throws IllegalStateException if the loss becomes NaN or infinite
     * @throws org.surrogate.api.run.TrialCancelledException if the trial is cancelled
     */
    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        return new AutoencoderTrainer(AutoencoderSettings.from(ID, false, params)).fit(train, ctx);
    }

    /**
     * Reads a model written by {@link Model#save} of a Mult-DAE model.
     *
     * @param in     the saved model; not closed
     * @param params the parameters it was fitted with (not needed: the file holds the layers)
     * @return the model
     * @throws IOException if the stream is unreadable, truncated or not a Mult-DAE model
     */
    @Override
    public Model load(InputStream in, Params params) throws IOException {
        return AutoencoderModel.read(in, ID);
    }
}
