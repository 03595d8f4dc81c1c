package org.surrogate.bundles.recsimu;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.simulator.Environment;
import org.surrogate.api.simulator.Simulator;

/**
 * The common part of the simulators of this bundle: maps the logs to feedback types
 * ({@link FeedbackMapping}), fits fixed item embeddings ({@link ItemEmbeddings}), cuts the logs into
 * state-action-feedback tuples ({@link Tuples}), trains the variant's feedback model and returns a
 * {@link FeedbackEnvironment}. Random streams: {@code "<id>-embeddings"}, {@code "<id>-subsample"},
 * {@code "<id>-init"}, {@code "<id>-batches"}, {@code "<id>-environment"}.
 */
abstract class FeedbackSimulator implements Simulator {

    /** The paper. */
    static final PaperReference PAPER = new PaperReference("Zhao, Xia, Zou, Liu, Yin, Tang: Toward Simulating "
            + "Environments in Reinforcement Learning Based Recommendations, AAAI 2020 (arXiv:1906.11462)",
            "https://arxiv.org/abs/1906.11462");

    /** The data mapping, stated in every description. */
    static final String MAPPING = " Feedback types from public logs: MovieLens ratings (and the known-preference "
            + "generator's ratings) by rating level, valueCuts [4] giving negative (1-3) and positive (4-5); "
            + "DIGINETICA item views, which carry no clicks or purchases, by dwell time (feedbackFrom dwell: the "
            + "next view of the session at least dwellSeconds later makes a 'long view').";

    private final Variant variant;
    private final PluginDescriptor descriptor;

    FeedbackSimulator(Variant variant) {
        this.variant = variant;
        this.descriptor = new PluginDescriptor(variant.id(), PluginKind.SIMULATOR, variant.title(),
                variant.summary() + MAPPING, PAPER, new ParamSchema(specs(variant)));
    }

    /**
     * The parameter schema of a variant.
     *
     * @param v the variant
     * @return its parameters
     */
    static List<ParamSpec> specs(Variant v) {
        List<ParamSpec> specs = new ArrayList<>(FeedbackMapping.specs());
        specs.add(ParamSpec.intParam("historyLength").defaultValue(20).range(1, 1000)
                .help("N, the browsed items with feedback that make a state (paper: 20).").build());
        specs.add(ParamSpec.intParam("minHistory").defaultValue(20).range(0, 1000)
                .help("Training tuples start at this position of each user's sequence (paper: the first N items "
                        + "are the initial state); shorter states are padded.").build());
        specs.add(ParamSpec.intParam("maxTrainTuples").defaultValue(0).range(0, 100_000_000)
                .help("Train on at most this many tuples, a seeded random subset; 0 uses all.").build());
        specs.add(ParamSpec.intParam("embeddingSize").defaultValue(20).range(1, 512)
                .help("|E|, the width of the fixed item embeddings (paper: 20), fitted on the logs by "
                        + "factorising item co-occurrence PPMI (Levy and Goldberg 2014).").build());
        specs.add(ParamSpec.intParam("embeddingWindow").defaultValue(5).range(1, 100)
                .help("Co-occurrence window of the item embeddings, in sequence positions.").build());
        specs.add(ParamSpec.intParam("horizon").defaultValue(20).range(0, 1_000_000)
                .help("Steps per simulated session; 0 for no limit.").build());
        specs.add(ParamSpec.choiceParam("feedbackDraw", "sample", "argmax").defaultValue("sample")
                .help("How a step picks the feedback type: drawn from the predicted distribution or the most "
                        + "probable.").build());
        if (v != Variant.RANDOM) {
            specs.add(ParamSpec.doubleParam("learningRate").defaultValue(1e-3).range(0, 1).greaterThan(0)
                    .help("Adam's learning rate (paper: 0.001).").build());
            specs.add(ParamSpec.intParam("batchSize").defaultValue(500).range(1, 100_000)
                    .help("Tuples per batch (paper: 500).").build());
            specs.add(ParamSpec.intParam("epochs").defaultValue(10).range(1, 10_000)
                    .help("Passes over the training tuples (of the discriminator, for the adversarial ones).")
                    .build());
            specs.add(ParamSpec.intParam("logEvery").defaultValue(1).range(0, 1_000_000)
                    .help("Log the losses every this many steps as metric curves; 0 never.").build());
        }
        if (v.neural()) {
            specs.add(ParamSpec.intParam("feedbackEmbeddingSize").defaultValue(10).range(1, 512)
                    .help("|F|, the width of the feedback embedding tanh(W_F f + b_F) (paper: 10).").build());
            specs.add(ParamSpec.intParam("hiddenSize").defaultValue(128).range(1, 4096)
                    .help("The GRU's hidden size (paper: 128).").build());
            specs.add(ParamSpec.intParam("denseSize").defaultValue(64).range(1, 4096)
                    .help("Width of the fully connected layers (the paper does not give it).").build());
        }
        if (v.adversarial()) {
            specs.add(ParamSpec.intParam("dSteps").defaultValue(1).range(1, 1000)
                    .help("Discriminator steps per round (Algorithm 1, d-steps).").build());
            specs.add(ParamSpec.intParam("gSteps").defaultValue(1).range(1, 1000)
                    .help("Generator steps per round (Algorithm 1, g-steps).").build());
        }
        if (v == Variant.GAN_S) {
            specs.add(ParamSpec.doubleParam("supervisedWeight").defaultValue(1.0).range(0, 1e6)
                    .help("Weight of the cross-entropy on the generator's feedback output.").build());
        }
        if (v == Variant.RECSIMU) {
            specs.add(ParamSpec.intParam("pretrainEpochs").defaultValue(2).range(0, 10_000)
                    .help("Supervised pre-training epochs of G (on L_G^sup) and then D (on L_D^sup), Algorithm 1 "
                            + "lines 2-5.").build());
            specs.add(ParamSpec.doubleParam("alpha").defaultValue(1.0).range(0, 1e6)
                    .help("Weight alpha of the discriminator's supervised loss (Eq. 9); the paper tunes it.")
                    .build());
            specs.add(ParamSpec.doubleParam("beta").defaultValue(1.0).range(0, 1e6)
                    .help("Weight beta of the generator's supervised l2 loss (Eq. 12); 0 is RecSimu-2.").build());
            specs.add(ParamSpec.doubleParam("lambda").defaultValue(0.3).range(0, 1e6)
                    .help("Weight lambda of the fake-class term of the supervised loss (Eq. 8; paper's best 0.3).")
                    .build());
        }
        return specs;
    }

    @Override
    public PluginDescriptor descriptor() {
        return descriptor;
    }

    /**
     * Trains the simulator on logs.
     *
     * @param logs   the logs, each user's interactions in time order
     * @param params validated parameters
     * @param ctx    the run context: seed, progress, cancellation, loss curves
     * @return the environment
     * @throws IllegalArgumentException if there are no logs, the mapping does not fit them (fewer than two
     *                                  feedback types occur), or no user has more than minHistory items
     * @throws IllegalStateException    if a loss becomes NaN or infinite
     */
    @Override
    public Environment create(Dataset logs, Params params, RunContext ctx) {
        String id = variant.id();
        String owner = "simulator '" + id + "'";
        if (logs == null) {
            throw new IllegalArgumentException(owner + " learns from logs, and none were given");
        }
        FeedbackMapping mapping = FeedbackMapping.of(owner, params);
        int[] types = mapping.map(owner, logs);
        requireTwoTypes(owner, logs, types, mapping);
        int n = params.getInt("historyLength");
        Tuples tuples = Tuples.of(logs, types, n, params.getInt("minHistory"));
        if (tuples.size == 0) {
            throw new IllegalArgumentException(owner + ": no user of '" + logs.name() + "' has more than minHistory = "
                    + params.getInt("minHistory") + " interactions, so there is nothing to learn from; lower minHistory");
        }
        int max = params.getInt("maxTrainTuples");
        if (max > 0 && tuples.size > max) {
            tuples = tuples.subset(subsample(tuples.size, max, ctx.random(id + "-subsample")));
        }
        ctx.progress(0, "item embeddings");
        ItemEmbeddings emb = ItemEmbeddings.fit(logs, params.getInt("embeddingSize"), params.getInt("embeddingWindow"),
                ctx.random(id + "-embeddings"));
        NetSettings s = NetSettings.of(params, mapping.types());
        long start = System.nanoTime();
        FeedbackModel model = train(id, s, emb, tuples, ctx);
        ctx.log(System.Logger.Level.INFO, String.format("%s: trained on %d tuples in %.1f s", id, tuples.size,
                (System.nanoTime() - start) / 1e9));
        ctx.progress(1, "trained");
        return new FeedbackEnvironment(id, logs, types, mapping, model, n, params.getInt("horizon"),
                "sample".equals(params.getString("feedbackDraw")), ctx.random(id + "-environment"));
    }

    private FeedbackModel train(String id, NetSettings s, ItemEmbeddings emb, Tuples tuples, RunContext ctx) {
        Random init = ctx.random(id + "-init");
        Random batches = ctx.random(id + "-batches");
        switch (variant) {
            case RANDOM:
                return new RandomModel(s.types(), ctx.random(id + "-scores"));
            case LR: {
                LogisticModel m = new LogisticModel(id, s, emb);
                m.train(tuples, ctx, batches);
                return m;
            }
            case GRU: {
                GruModel m = new GruModel(id, s, emb, init);
                m.train(tuples, ctx, batches);
                return m;
            }
            case GAN:
            case GAN_S: {
                GanModel m = new GanModel(id, s, emb, variant == Variant.GAN ? 0 : s.supervisedWeight(), init);
                m.train(tuples, ctx, batches);
                return m;
            }
            case RECSIMU: {
                RecSimuModel m = new RecSimuModel(id, s, emb, init);
                m.train(tuples, ctx, batches);
                return m;
            }
            default:
                throw new IllegalStateException("unknown variant " + variant);
        }
    }

    static void requireTwoTypes(String owner, Dataset logs, int[] types, FeedbackMapping mapping) {
        int[] counts = new int[mapping.types()];
        for (int t : types) {
            counts[t]++;
        }
        int present = 0;
        for (int c : counts) {
            present += c > 0 ? 1 : 0;
        }
        if (present < 2) {
            throw new IllegalArgumentException(owner + ": every interaction of '" + logs.name() + "' maps to the same "
                    + "feedback type (counts per type " + java.util.Arrays.toString(counts) + " with feedbackFrom '"
                    + mapping.mode() + "'), so there is no feedback to predict; for view-only logs such as "
                    + "DIGINETICA use feedbackFrom 'dwell', for ratings check valueCuts");
        }
    }

    private static int[] subsample(int size, int max, Random rng) {
        int[] idx = new int[size];
        for (int k = 0; k < size; k++) {
            idx[k] = k;
        }
        for (int k = 0; k < max; k++) {
            int j = k + rng.nextInt(size - k);
            int t = idx[k];
            idx[k] = idx[j];
            idx[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(idx, max);
        java.util.Arrays.sort(out);
        return out;
    }
}
