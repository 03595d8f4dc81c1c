package org.surrogate.bundles.sequential;

import java.io.IOException;
import java.io.InputStream;
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
 * NARM, Neural Attentive Session-based Recommendation (Li, Ren, Chen, Ren, Lian and Ma 2017): item
 * embedding and a GRU; the global encoder is the last state {@code h_t}; the local encoder is
 * {@code c_t = sum_j alpha_tj h_j} over the states so far with
 * {@code alpha_tj = v^T sigmoid(A1 h_t + A2 h_j)} (unnormalised, as in the paper); the representation
 * {@code [h_t ; c_t]} is decoded bilinearly, {@code score_i = emb_i^T B [h_t ; c_t]}, with the input
 * item embeddings. Trained on each user's time-ordered sequence with the loss at every step (every
 * prefix is a training example, NARM's augmentation); softmax cross-entropy over all items, Adam,
 * dropout 0.25 on the embeddings and 0.5 before the decoder by default, as in the paper. NARM is the
 * anchor model of CASR (Wang et al., SIGIR 2021).
 */
@Component(service = Recommender.class)
public final class NarmRecommender implements AnchorRecommender {

    /** The plugin id. */
    public static final String ID = "narm";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "NARM",
            "Attentive recurrent next-item model: a GRU's last state (global) and an attention-weighted sum of its "
                    + "states (local), decoded bilinearly against the item embeddings; full softmax cross-entropy.",
            new PaperReference("Li, Ren, Chen, Ren, Lian and Ma, Neural Attentive Session-based Recommendation, "
                    + "CIKM 2017", "https://arxiv.org/abs/1711.04725"),
            NetworkParams.schema(20, 0.25, 0.5, "the representation [h_t ; c_t] before the decoder"));

    private final NetworkTrainer trainer = new NetworkTrainer(ID, NetworkKind.NARM);

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Fits the network.
     *
     * @param train  the training interactions, with timestamps unless order is 'position'
     * @param params validated parameters
     * @param ctx    the run context: streams "narm-init", "narm-batches", "narm-dropout"; progress and
     *               cancellation per batch; metrics "loss" and "batch-loss"
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
    public SequenceAnchor fit(Dataset train, java.util.List<int[]> extra, Params params, RunContext ctx) {
        return trainer.fit(train, extra, params, ctx);
    }

    /**
     * Reads a model written by {@link Model#save} of a NARM model.
     *
     * @param in     the saved model; not closed
     * @param params the parameters it was fitted with (not needed: the file holds the sizes)
     * @return the model
     * @throws IOException if the stream is unreadable, truncated or not a NARM model
     */
    @Override
    public Model load(InputStream in, Params params) throws IOException {
        return SequenceModel.read(in, ID, NetworkKind.NARM);
    }
}
