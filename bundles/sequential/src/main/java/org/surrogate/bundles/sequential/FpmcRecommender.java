package org.surrogate.bundles.sequential;

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
 * FPMC, Factorizing Personalized Markov Chains (Rendle, Freudenthaler and Schmidt-Thieme 2010), with
 * baskets of one item: {@code x(u, l, i) = <VUI_u, VIU_i> + <VIL_i, VLI_l>}, a matrix factorization
 * term plus a factorized first-order transition from the last item l. Fitted by S-BPR: SGD on
 * {@code ln sigmoid(x(u,l,i) - x(u,l,j))} over transitions (u, l, i) drawn uniformly from the users'
 * sequences and negatives j drawn uniformly among the items u has not interacted with, with L2
 * weight {@code regularization} on the rows a step touches. Factors start Gaussian with standard
 * deviation {@value #INIT_STDDEV} from the stream {@code "fpmc-init"}; samples come from
 * {@code "fpmc-sgd"}; one thread, so results are the same bit for bit for the same data, parameters
 * and seed.
 *
 * <p>Metrics: {@code loss} per epoch (mean {@code -ln sigmoid} of its samples, each measured before
 * its step) and {@code batch-loss} every {@code logEvery} batches of {@value #BATCH_STEPS} steps,
 * with the global batch number as step. Cancellation is checked every batch.
 */
@Component(service = Recommender.class)
public final class FpmcRecommender implements Recommender {

    /** The plugin id. */
    public static final String ID = "fpmc";
    /** The standard deviation of the initial factors. */
    public static final double INIT_STDDEV = 0.1;
    /** SGD steps per batch: the unit of progress, cancellation checks and {@code batch-loss}. */
    public static final int BATCH_STEPS = 4096;

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "FPMC (factorized personalized Markov chain)",
            "Scores the next item by a user-item factor term plus a factorized transition from the user's last "
                    + "item; fitted by SGD on the sequential BPR (S-BPR) loss with sampled negatives.",
            new PaperReference("Rendle, Freudenthaler and Schmidt-Thieme, Factorizing Personalized Markov Chains "
                    + "for Next-Basket Recommendation, WWW 2010", "https://doi.org/10.1145/1772690.1772773"),
            ParamSchema.of(
                    ParamSpec.intParam("factors").defaultValue(64).range(1, 10_000)
                            .help("Number of latent factors of each of the four factor matrices.").build(),
                    ParamSpec.intParam("epochs").defaultValue(30).range(1, 10_000)
                            .help("Passes of samplesPerEpoch SGD steps.").build(),
                    ParamSpec.doubleParam("learningRate").defaultValue(0.05).range(0, 10).greaterThan(0)
                            .help("SGD step size, in (0, 10].").build(),
                    ParamSpec.doubleParam("regularization").defaultValue(0.001).range(0, 10)
                            .help("L2 weight on the factor rows touched by a step.").build(),
                    ParamSpec.longParam("samplesPerEpoch").defaultValue(0L).min(0)
                            .help("SGD steps per epoch; 0 means the number of training transitions.").build(),
                    ParamSpec.intParam("logEvery").defaultValue(50).range(0, 1_000_000)
                            .help("Log metric 'batch-loss' every this many batches of " + BATCH_STEPS
                                    + " steps; 0 logs only the per-epoch 'loss'.").build(),
                    ParamSpec.choiceParam("order", "time", "position").defaultValue("time")
                            .help(Sequences.ORDER_HELP).build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Fits the four factor matrices by S-BPR.
     *
     * @param train  the training interactions, with timestamps unless order is 'position'
     * @param params validated parameters
     * @param ctx    the run context: streams "fpmc-init" and "fpmc-sgd", progress, cancellation, metrics
     *               "loss" and "batch-loss"
     * @return the model; it scores users and histories
     * @throws IllegalArgumentException if order is 'time' without timestamps, or there is no transition
     * @throws IllegalStateException if the loss becomes NaN or infinite
     * @throws org.surrogate.api.run.TrialCancelledException if the trial is cancelled
     */
    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        Sequences.requireOrder(ID, train, params.getString("order"));
        if (FpmcTrainer.countTransitions(train) == 0) {
            throw new IllegalArgumentException(ID + ": dataset '" + train.name() + "' has no user with two or more "
                    + "interactions, so no transition to learn from");
        }
        int f = params.getInt("factors");
        int epochs = params.getInt("epochs");
        double lr = params.getDouble("learningRate");
        int logEvery = params.getInt("logEvery");
        Random init = ctx.random("fpmc-init");
        int users = train.numUsers();
        int items = train.numItems();
        float[][] factors = {gaussian(init, users * f), gaussian(init, items * f), gaussian(init, items * f),
            gaussian(init, items * f)};
        FpmcTrainer trainer = new FpmcTrainer(train, f, lr, params.getDouble("regularization"), factors);
        long samples = params.getLong("samplesPerEpoch") == 0 ? trainer.transitions()
                : params.getLong("samplesPerEpoch");
        long batchesPerEpoch = (samples + BATCH_STEPS - 1) / BATCH_STEPS;
        Random rng = ctx.random("fpmc-sgd");
        long batch = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double loss = 0;
            double taken = 0;
            for (long done = 0; done < samples; done += BATCH_STEPS) {
                ctx.checkCancelled();
                double[] part = trainer.run(rng, Math.min(BATCH_STEPS, samples - done));
                batch++;
                double batchLoss = part[1] == 0 ? 0 : part[0] / part[1];
                checkFinite(batchLoss, epoch, lr);
                loss += part[0];
                taken += part[1];
                if (logEvery > 0 && batch % logEvery == 0) {
                    ctx.metric("batch-loss", batch, batchLoss);
                }
                ctx.progress((epoch - 1 + (double) (done / BATCH_STEPS + 1) / batchesPerEpoch) / epochs,
                        "epoch " + epoch + " of " + epochs);
            }
            double mean = taken == 0 ? 0 : loss / taken;
            checkFinite(mean, epoch, lr);
            ctx.metric("loss", epoch, mean);
        }
        int[] last = new int[users];
        for (int u = 0; u < users; u++) {
            last[u] = train.degree(u) == 0 ? -1 : train.item(train.end(u) - 1);
        }
        return new FpmcModel(users, items, f, last, factors);
    }

    private static void checkFinite(double loss, int epoch, double lr) {
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException(ID + ": training diverged at epoch " + epoch + " (loss " + loss
                    + ") with learningRate " + lr + "; lower learningRate or raise regularization");
        }
    }

    /**
     * Reads a model written by {@link Model#save} of an FPMC model.
     *
     * @param in     the saved model; not closed
     * @param params the parameters it was fitted with (not needed: the file holds the dimensions)
     * @return the model
     * @throws IOException if the stream is unreadable, truncated or not an FPMC model
     */
    @Override
    public Model load(InputStream in, Params params) throws IOException {
        return FpmcModel.read(in);
    }

    private static float[] gaussian(Random rng, int count) {
        float[] v = new float[count];
        for (int k = 0; k < count; k++) {
            v[k] = (float) (rng.nextGaussian() * INIT_STDDEV);
        }
        return v;
    }
}
