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
 * SASRec, Self-Attentive Sequential Recommendation (Kang and McAuley, ICDM 2018), one block and one
 * head: item plus learned position embeddings, causal scaled dot-product self-attention with the
 * layer-normalised input as query and residual, a point-wise feed-forward layer (ReLU) with residual,
 * layer normalisation, scores {@code <f_t, emb_i>} with the input embeddings. Departing from the
 * paper: softmax cross-entropy over the whole catalogue at every step (the paper samples one
 * negative per step with binary cross-entropy), right padding with positions counted from the
 * oldest item kept, dropout on the inputs and on the output representation only. One of CASR's
 * three anchor models (Wang et al., SIGIR 2021).
 */
@Component(service = Recommender.class)
public final class SasrecRecommender implements AnchorRecommender {

    /** The plugin id. */
    public static final String ID = "sasrec";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "SASRec",
            "Causal self-attention over item plus position embeddings (one block, one head), feed-forward "
                    + "layer, scored against the item embeddings; full softmax cross-entropy.",
            new PaperReference("Kang and McAuley, Self-Attentive Sequential Recommendation, ICDM 2018",
                    "https://arxiv.org/abs/1808.09781"),
            NetworkParams.schema(20, 0.2, 0.2, "the block's output", "Inner size of the feed-forward layer."));

    private final NetworkTrainer trainer = new NetworkTrainer(ID, NetworkKind.SASREC);

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Fits the network.
     *
     * @param train  the training interactions, with timestamps unless order is 'position'
     * @param params validated parameters
     * @param ctx    the run context: streams "sasrec-init", "sasrec-batches", "sasrec-dropout"; progress and cancellation per batch;
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
     * Reads a model written by {@link Model#save} of a SASRec model.
     *
     * @param in     the saved model; not closed
     * @param params the parameters it was fitted with (not needed: the file holds the sizes)
     * @return the model
     * @throws IOException if the stream is unreadable, truncated or not a SASRec model
     */
    @Override
    public Model load(InputStream in, Params params) throws IOException {
        return SequenceModel.read(in, ID, NetworkKind.SASREC);
    }
}
