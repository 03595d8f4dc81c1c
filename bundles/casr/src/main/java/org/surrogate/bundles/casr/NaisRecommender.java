package org.surrogate.bundles.casr;

import java.util.Random;
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
 * NAIS, Neural Attentive Item Similarity (He, He, Song, Liu, Jiang and Chua, TKDE 2018), one of
 * CASR's baselines: {@code y(u, i) = sum_{j in R_u \ i} a_ij <p_j, q_i>} with
 * {@code a_ij = exp(f(p_j * q_i)) / (sum_j' exp(f(p_j' * q_i)))^beta} and
 * {@code f(x) = h^T ReLU(W x + b)} (the paper's "prod" attention), trained by log loss on each
 * training interaction and {@code negatives} items the user has not interacted with, with Adagrad and
 * L2 regularisation. R_u is the user's last {@code maxHistory} training items.
 *
 * <p><b>Departing from the paper:</b> no FISM pre-training of the embeddings (random start); R_u is
 * capped at {@code maxHistory} items for both training and scoring; the model cannot be saved.
 * Lives in the CASR bundle because CASR's comparison is its only user so far; it is a plain item
 * similarity model, not sequential.
 */
@Component(service = Recommender.class)
public final class NaisRecommender implements Recommender {

    /** The plugin id. */
    public static final String ID = "nais";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "NAIS",
            "Attentive item similarity: the user's items vote for a target item with attention weights from an "
                    + "MLP on the element-wise product of their embeddings, smoothed by beta; log loss with sampled "
                    + "negatives (no FISM pre-training).",
            new PaperReference("He, He, Song, Liu, Jiang and Chua, NAIS: Neural Attentive Item Similarity Model "
                    + "for Recommendation, TKDE 2018", "https://arxiv.org/abs/1809.07053"),
            ParamSchema.of(
                    ParamSpec.intParam("embeddingSize").defaultValue(16).range(1, 1024)
                            .help("Size of the item embeddings p and q.").build(),
                    ParamSpec.intParam("attentionSize").defaultValue(16).range(1, 1024)
                            .help("Size of the attention MLP's hidden layer.").build(),
                    ParamSpec.doubleParam("beta").defaultValue(0.5).range(0, 1)
                            .help("Smoothing exponent of the attention's denominator, in [0, 1] (1 is softmax).")
                            .build(),
                    ParamSpec.intParam("negatives").defaultValue(4).range(1, 100)
                            .help("Sampled negative items per training interaction.").build(),
                    ParamSpec.intParam("epochs").defaultValue(20).range(1, 10_000)
                            .help("Passes over the training interactions.").build(),
                    ParamSpec.doubleParam("learningRate").defaultValue(0.05).range(0, 10).greaterThan(0)
                            .help("Adagrad step size.").build(),
                    ParamSpec.doubleParam("regularization").defaultValue(1e-6).range(0, 10)
                            .help("L2 weight on the parameters touched by each example.").build(),
                    ParamSpec.intParam("maxHistory").defaultValue(50).range(1, 10_000)
                            .help("Only each user's last maxHistory training items form R_u.").build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Fits the model.
     *
     * @param train  the training interactions (each user's items in stored order)
     * @param params validated parameters
     * @param ctx    the run context: streams "nais-init" and "nais-sgd"; progress and cancellation per
     *               epoch chunk; metric "loss" per epoch
     * @return the model; it scores users from their last maxHistory items, and histories
     * @throws IllegalStateException if the loss becomes NaN or infinite
     */
    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        NaisModel model = NaisModel.initial(train.numItems(), params.getInt("embeddingSize"),
                params.getInt("attentionSize"), params.getDouble("beta"), params.getInt("maxHistory"),
                ctx.random("nais-init"));
        model.setHistories(train);
        NaisTrainer trainer = new NaisTrainer(model, params.getDouble("learningRate"),
                params.getDouble("regularization"));
        Random rng = ctx.random("nais-sgd");
        int epochs = params.getInt("epochs");
        int negatives = params.getInt("negatives");
        for (int epoch = 1; epoch <= epochs; epoch++) {
            ctx.checkCancelled();
            long start = System.nanoTime();
            double loss = trainer.epoch(train, negatives, rng, ctx, epoch, epochs);
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException(ID + ": training diverged at epoch " + epoch + " (loss " + loss
                        + ") with learningRate " + params.getDouble("learningRate") + "; lower learningRate");
            }
            ctx.metric("loss", epoch, loss);
            ctx.log(System.Logger.Level.INFO, String.format("%s: epoch %d of %d, loss %.5f, %.1f s", ID, epoch, epochs,
                    loss, (System.nanoTime() - start) / 1e9));
        }
        return model;
    }
}
