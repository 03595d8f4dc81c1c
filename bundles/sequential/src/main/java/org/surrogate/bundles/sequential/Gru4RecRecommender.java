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
 * GRU4Rec (Hidasi, Karatzoglou, Baltrunas and Tikk 2016): item embedding, one GRU layer
 * ({@code sd.rnn().gru}), and a linear output layer with an item bias scoring every item from the GRU
 * state. Trained on each user's time-ordered sequence (the last {@code maxLength + 1} items) by
 * next-item prediction at every step.
 *
 * <p><b>Loss, departing from the paper:</b> the paper trains with session-parallel mini-batches and
 * ranking losses (BPR, TOP1) over in-batch negatives; here mini-batches are padded, masked sequences
 * of similar length and the loss is softmax cross-entropy over the whole catalogue, averaged over
 * the real steps. That is exact (no sampling) and affordable up to tens of thousands of items; its
 * cost grows with steps x items. Adam with gradient-norm clipping, dropout on the input embeddings
 * and on the GRU state before the output layer. See {@link NetworkTrainer} and
 * {@link SequenceNetwork} for the details; {@link SequenceModel} for scoring and the saved format.
 */
@Component(service = Recommender.class)
public final class Gru4RecRecommender implements AnchorRecommender {

    /** The plugin id. */
    public static final String ID = "gru4rec";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "GRU4Rec",
            "Recurrent next-item model: item embeddings through a GRU, every item scored from the GRU state; trained "
                    + "on the users' time-ordered sequences with full softmax cross-entropy (not the paper's "
                    + "BPR/TOP1 session-parallel batches).",
            new PaperReference("Hidasi, Karatzoglou, Baltrunas and Tikk, Session-based Recommendations with "
                    + "Recurrent Neural Networks, ICLR 2016", "https://arxiv.org/abs/1511.06939"),
            NetworkParams.schema(20, 0.0, 0.25, "the GRU state"));

    private final NetworkTrainer trainer = new NetworkTrainer(ID, NetworkKind.GRU4REC);

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Fits the network.
     *
     * @param train  the training interactions, with timestamps unless order is 'position'
     * @param params validated parameters
     * @param ctx    the run context: streams "gru4rec-init", "gru4rec-batches", "gru4rec-dropout";
     *               progress and cancellation per batch; metrics "loss" and "batch-loss"
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
     * Reads a model written by {@link Model#save} of a GRU4Rec model.
     *
     * @param in     the saved model; not closed
     * @param params the parameters it was fitted with (not needed: the file holds the sizes)
     * @return the model
     * @throws IOException if the stream is unreadable, truncated or not a GRU4Rec model
     */
    @Override
    public Model load(InputStream in, Params params) throws IOException {
        return SequenceModel.read(in, ID, NetworkKind.GRU4REC);
    }
}
