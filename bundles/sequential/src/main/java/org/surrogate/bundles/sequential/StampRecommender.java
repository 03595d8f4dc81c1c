package org.surrogate.bundles.sequential;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.bundles.sequential.anchor.AnchorRecommender;
import org.surrogate.bundles.sequential.anchor.SequenceAnchor;

/**
 * STAMP, Short-Term Attention/Memory Priority (Liu, Zeng, Mokhosi and Zhang, KDD 2018): for each
 * step t, the mean {@code m_s} of the item embeddings so far and the last item {@code x_t} query an
 * attention over the items so far, {@code alpha_tj = w0 . sigmoid(W1 x_j + W2 x_t + W3 m_s + b_a)}
 * (unnormalised, as in the paper); {@code m_a = sum_j alpha_tj x_j}; two MLP cells
 * {@code h_s = tanh(Ws m_a + b_s)}, {@code h_t = tanh(Wt x_t + b_t)}; scores
 * {@code <h_s * h_t, emb_i>} with the input embeddings. Departing from the paper: softmax
 * cross-entropy over the whole catalogue at every step of each user's sequence (every prefix is a
 * training example), Adam, dropout on the input embeddings and on {@code h_s * h_t}. One of CASR's
 * three anchor models (Wang et al., SIGIR 2021).
 */
@Component(service = Recommender.class)
public final class StampRecommender implements AnchorRecommender {

    /** The plugin id. */
    public static final String ID = "stamp";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "STAMP",
            "Attention over the items so far, queried by the last item and their mean, gated by the last item; "
                    + "scored against the item embeddings; full softmax cross-entropy.",
            new PaperReference("Liu, Zeng, Mokhosi and Zhang, STAMP: Short-Term Attention/Memory Priority Model for "
                    + "Session-based Recommendation, KDD 2018", "https://doi.org/10.1145/3219819.3219950"),
            NetworkParams.schema(20, 0.0, 0.25, "h_s * h_t before the output", "Size of the attention layer (W1, W2, W3)."));

    private final NetworkTrainer trainer = new NetworkTrainer(ID, NetworkKind.STAMP);

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Fits the network.
     *
     * @param train  the training interactions, with timestamps unless order is 'position'
     * @param params validated parameters
     * @param ctx    the run context: streams "stamp-init", "stamp-batches", "stamp-dropout"; progress and cancellation per batch;
     *               metrics "loss" and "batch-loss"
     * @return the model; it scores users (from their last training items) and histories
     * @throws IllegalArgumentException if order is 'time' without timestamps, or no user has two items
     * @throws IllegalStateException if the loss becomes NaN or infinite
     * @throws org.surrogate.api.run.TrialCancelledException if the trial is cancelled
     */
    @Override
    public SequenceAnchor fit(Dataset train, Params params, RunContext ctx) {
        return trainer.fit(train, params, ctx);
    }

    /**
     * Fits the network on the users' sequences plus extra samples (CASR's counterfactual data), each
     * a history and its next item, with a loss at that last step only.
     *
     * @param train  the training interactions
     * @param extra  the extra samples
     * @param params validated parameters
     * @param ctx    the run context
     * @return the model
     */
    @Override
    public SequenceAnchor fit(Dataset train, List<int[]> extra, Params params, RunContext ctx) {
        return trainer.fit(train, extra, params, ctx);
    }

    /**
     * Reads a model written by {@link Model#save} of a STAMP model.
     *
     * @param in     the saved model; not closed
     * @param params the parameters it was fitted with (not needed: the file holds the sizes)
     * @return the model
     * @throws IOException if the stream is unreadable, truncated or not a STAMP model
     */
    @Override
    public Model load(InputStream in, Params params) throws IOException {
        return SequenceModel.read(in, ID, NetworkKind.STAMP);
    }
}
