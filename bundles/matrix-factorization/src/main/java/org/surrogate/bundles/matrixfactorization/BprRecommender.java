package org.surrogate.bundles.matrixfactorization;

import java.io.IOException;
import java.io.InputStream;
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
 * BPR-MF (Rendle, Freudenthaler, Gantner and Schmidt-Thieme 2009): matrix factorization fitted by
 * stochastic gradient ascent on the Bayesian personalised ranking criterion
 * {@code sum ln sigmoid(x_u . (y_i - y_j)) - lambda (|x_u|^2 + |y_i|^2 + |y_j|^2)} over triples of a
 * user, an item they interacted with and one they did not (drawn uniformly). With {@code sampling =
 * user} (the default) the user is drawn uniformly among those with an item to rank, then one of their
 * items; with {@code sampling = interaction} the pair is a uniform training interaction. No item
 * bias. Factors start Gaussian with standard deviation
 * {@value #INIT_STDDEV} from the random stream {@code "bpr-init"}.
 *
 * <p><b>Threads and reproducibility.</b> With {@code threads = 1} (the default) one thread draws
 * every sample from the stream {@code "bpr-sgd-0"}. With {@code threads = T > 1} training is
 * stratified (DSGD, Gemulla et al. 2011): users and items are split into T blocks each, and T threads
 * run T strata (user block, item block) with disjoint users and disjoint items at a time, thread k
 * drawing from stream {@code "bpr-sgd-k"}; the negative item of a sample is then drawn from its
 * positive item's block. No two threads ever update the same factors, so the result is the same, bit
 * for bit, for the same data, parameters, seed <em>and thread count</em>; different thread counts
 * give different (equally good) results. See {@link BprTrainer}.
 *
 * <p>The metric {@code loss} is logged per epoch (step 1, 2, ...): the mean of
 * {@code -ln sigmoid(x_uij)} over the epoch's samples, each measured just before its step.
 */
@Component(service = Recommender.class)
public final class BprRecommender implements Recommender {

    /** The plugin id. */
    public static final String ID = "bpr";
    /** The standard deviation of the initial factors. */
    public static final double INIT_STDDEV = 0.1;

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "BPR-MF",
            "Matrix factorization fitted by SGD on the Bayesian personalised ranking loss over sampled "
                    + "(user, interacted item, other item) triples; scores are dot products of factors.",
            new PaperReference("Rendle, Freudenthaler, Gantner and Schmidt-Thieme, BPR: Bayesian Personalized "
                    + "Ranking from Implicit Feedback, UAI 2009", "https://arxiv.org/abs/1205.2618"),
            ParamSchema.of(
                    ParamSpec.intParam("factors").defaultValue(64).range(1, 10_000)
                            .help("Number of latent factors per user and item.").build(),
                    ParamSpec.intParam("epochs").defaultValue(30).range(1, 10_000)
                            .help("Passes of samplesPerEpoch SGD steps.").build(),
                    ParamSpec.doubleParam("learningRate").defaultValue(0.05).greaterThan(0)
                            .help("SGD step size.").build(),
                    ParamSpec.doubleParam("regularization").defaultValue(0.0025).min(0)
                            .help("L2 weight lambda on the factors touched by a step.").build(),
                    ParamSpec.longParam("samplesPerEpoch").defaultValue(0L).min(0)
                            .help("SGD steps per epoch; 0 means the number of training interactions.").build(),
                    ParamSpec.choiceParam("sampling", "user", "interaction").defaultValue("user")
                            .help("How a sample's (user, positive item) is drawn: 'user' (default) a uniform user, "
                                    + "then one of their items, so every user weighs the same, as ranking metrics "
                                    + "averaged over users do; 'interaction' a uniform training interaction, as in "
                                    + "the paper's LearnBPR, so active users are drawn more often. On ML-100K "
                                    + "'user' gave NDCG@10 0.358, 'interaction' 0.335.").build(),
                    ParamSpec.intParam("threads").defaultValue(1).range(1, 256)
                            .help("SGD threads. Results are reproducible bit for bit for a given seed and thread count; "
                                    + "more than 1 trains stratified blocks of users and items in parallel (DSGD), "
                                    + "so results differ between thread counts.").build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Fits the factors.
     *
     * @param train  the training interactions
     * @param params validated parameters
     * @param ctx    the run context: random streams "bpr-init" and "bpr-sgd-k", progress,
     *               cancellation, metric "loss"
     * @return the model
     * @throws IllegalArgumentException if the training data has no interactions
     * @throws IllegalStateException if the loss or the factors become NaN or infinite
     * @throws org.surrogate.api.run.TrialCancelledException if the trial is cancelled
     */
    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("recommender '" + ID + "': dataset '" + train.name()
                    + "' has no interactions to sample from");
        }
        int f = params.getInt("factors");
        int epochs = params.getInt("epochs");
        int threads = params.getInt("threads");
        long samples = params.getLong("samplesPerEpoch") == 0 ? train.size() : params.getLong("samplesPerEpoch");
        Random init = ctx.random("bpr-init");
        float[] x = gaussian(init, train.numUsers() * f);
        float[] y = gaussian(init, train.numItems() * f);
        BprTrainer.Sampling sampling = "interaction".equals(params.getString("sampling"))
                ? BprTrainer.Sampling.INTERACTION : BprTrainer.Sampling.USER;
        Random[] streams = new Random[threads];
        for (int t = 0; t < threads; t++) {
            streams[t] = ctx.random("bpr-sgd-" + t);
        }
        BprTrainer trainer = new BprTrainer(train, f, params.getDouble("learningRate"),
                params.getDouble("regularization"), x, y, sampling, streams);
        try (WorkerPool pool = trainer.blocks() > 1 ? new WorkerPool(ID, trainer.blocks()) : null) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                ctx.checkCancelled();
                double[] part = trainer.epoch(samples, pool);
                double loss = part[1] == 0 ? 0 : part[0] / part[1];
                if (!Double.isFinite(loss) || !trainer.finite()) {
                    throw new IllegalStateException(ID + ": training diverged at epoch " + epoch
                            + " (NaN factors); lower learningRate or raise regularization");
                }
                ctx.metric("loss", epoch, loss);
                ctx.progress((double) epoch / epochs, "epoch " + epoch + " of " + epochs);
            }
        }
        trainer.publish();
        return new FactorModel(ID, train.numUsers(), train.numItems(), f, x, y);
    }

    /**
     * Reads a model written by {@link Model#save} of a BPR model.
     *
     * @param in     the saved model; not closed
     * @param params the parameters it was fitted with (not needed: the file holds the dimensions)
     * @return the model
     * @throws IOException if the stream is unreadable, truncated or not a BPR model
     */
    @Override
    public Model load(InputStream in, Params params) throws IOException {
        return FactorModel.read(in, ID);
    }

    private static float[] gaussian(Random rng, int count) {
        float[] v = new float[count];
        for (int k = 0; k < count; k++) {
            v[k] = (float) (rng.nextGaussian() * INIT_STDDEV);
        }
        return v;
    }
}
