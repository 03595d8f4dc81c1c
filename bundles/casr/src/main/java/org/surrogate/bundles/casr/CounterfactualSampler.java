package org.surrogate.bundles.casr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.run.RunContext;
import org.surrogate.bundles.sequential.anchor.AnchorRecommender;
import org.surrogate.bundles.sequential.anchor.ProbeResult;
import org.surrogate.bundles.sequential.anchor.SequenceAnchor;
import org.surrogate.bundles.sequential.anchor.SequenceAnchors;

/**
 * What CASR's three samplers share (Algorithm 1): choose training samples and the index d, find a
 * replacement item {@code t^a} for step d (each sampler its own way), derive the next item by Eq. 2,
 * {@code t-hat = argmax_t S(t | t^1 .. t^a .. t^l)}, and keep the sample only when the sampler's
 * confidence {@code max_t S(t | ...)} is above kappa (section 2.5). Work is batched: the samples of a
 * batch are independent, so one pass of the sampler network serves them all.
 *
 * <p><b>Departing from the paper:</b> the paper runs the sampler on every training sample (every
 * prefix of every sequence, "A -> B, AB -> C, ABC -> D"); here it runs on one sample per chosen user,
 * the user's whole training sequence (its last {@code maxLength} items as history, the last item as
 * next item), for a share {@code fraction} of the users: the cost of the learned samplers is a few
 * network passes per sample.
 *
 * <p>Used two ways. Under protocol {@code casr} the protocol pre-trains the sampler network S and
 * the anchor A from its slots and calls {@link #generate}. As a plain {@link Generator} (any other
 * protocol), {@link #fit} trains S (and, for the model-oriented sampler, A) itself from the
 * sequential bundle's anchors with parameters {@code samplerModel}, {@code anchorModel},
 * {@code networkEpochs}, {@code embeddingSize}, {@code maxLength}, {@code order}, and the fitted
 * generator samples a dataset with one synthetic user per counterfactual sample: the history
 * followed by the derived next item, in order, without timestamps.
 */
abstract class CounterfactualSampler implements Generator {

    /** Parameters every sampler has. */
    static List<ParamSpec> commonParams() {
        return List.of(
                ParamSpec.doubleParam("kappa").defaultValue(0.0).range(0, 1)
                        .help("Confidence threshold kappa in [0, 1]: a sample is kept only when the sampler's top "
                                + "next-item probability is above kappa (1 keeps none).").build(),
                ParamSpec.intParam("index").defaultValue(-1).range(-50, -1)
                        .help("Intervention index d, counted from the end of the history: -1 replaces the last "
                                + "history item t^l, -2 the one before. Users with shorter histories are skipped.")
                        .build(),
                ParamSpec.doubleParam("fraction").defaultValue(1.0).range(0, 1).greaterThan(0)
                        .help("Share of training users (in seeded random order) whose sequence is intervened on, "
                                + "in (0, 1]; one counterfactual per user.").build(),
                ParamSpec.intParam("batchSize").defaultValue(128).range(1, 4096)
                        .help("Samples processed together per pass of the networks.").build(),
                ParamSpec.choiceParam("samplerModel", SequenceAnchors.IDS.toArray(String[]::new)).defaultValue("narm")
                        .help("Standalone use only (not under protocol 'casr', which takes the sampler from its "
                                + "slot): the architecture of the sampler network S trained by fit.").build(),
                ParamSpec.intParam("networkEpochs").defaultValue(10).range(1, 10_000)
                        .help("Standalone use only: epochs of the networks fit trains.").build(),
                ParamSpec.intParam("embeddingSize").defaultValue(64).range(1, 4096)
                        .help("Standalone use only: embedding size of the networks fit trains.").build(),
                ParamSpec.intParam("maxLength").defaultValue(50).range(1, 1000)
                        .help("Standalone use only: maxLength of the networks fit trains.").build(),
                ParamSpec.choiceParam("order", "time", "position").defaultValue("time")
                        .help("Standalone use only: the sequence order of the networks fit trains.").build());
    }

    /**
     * The prefix of the anchor's name with this sampler's data, as in the paper's tables: H, D or M.
     *
     * @return the prefix
     */
    abstract String prefix();

    /**
     * Whether this sampler needs the anchor model (the model-oriented one does).
     *
     * @return true if {@link #generate} needs an anchor
     */
    boolean needsAnchor() {
        return false;
    }

    /**
     * Chooses the replacement item of each sample of a batch.
     *
     * @param batch   the samples (histories, positions of step d, next items)
     * @param sampler the sampler network S
     * @param anchor  the anchor A, or null when not needed
     * @param params  validated parameters
     * @param rng     this sampler's random stream
     * @return per sample, the replacement item {@code t^a} (never the original item, always in the
     *         catalogue), or -1 to give up on the sample
     */
    abstract int[] replacements(Intervention batch, SequenceAnchor sampler, SequenceAnchor anchor, Params params,
                                Random rng);

    /**
     * Whether a sample whose derived next item equals the original next item is dropped (the
     * data-oriented sampler's check, Algorithm 1 line 17).
     *
     * @return true to drop such samples
     */
    boolean requiresChangedNext() {
        return false;
    }

    /**
     * Generates counterfactual samples from the training data.
     *
     * @param train   the training data (each user's items in sequence order)
     * @param sampler the pre-trained sampler network S
     * @param anchor  the pre-trained anchor A (model-oriented sampler), or null
     * @param params  this plugin's validated parameters
     * @param ctx     the run context: stream {@code "<id>"}; progress per batch; cancellation
     * @return the samples kept, with statistics
     * @throws IllegalArgumentException if the anchor is needed and missing, or its item count or
     *                                  embedding size differs from the sampler's
     */
    Counterfactuals generate(Dataset train, SequenceAnchor sampler, SequenceAnchor anchor, Params params,
                             RunContext ctx) {
        String id = descriptor().id();
        if (sampler.numItems() != train.numItems()) {
            throw new IllegalArgumentException(id + ": the sampler scores " + sampler.numItems() + " items, the data has "
                    + train.numItems());
        }
        if (needsAnchor()) {
            if (anchor == null) {
                throw new IllegalArgumentException(id + ": the model-oriented sampler needs the anchor model");
            }
            if (anchor.numItems() != sampler.numItems() || anchor.embeddingSize() != sampler.embeddingSize()) {
                throw new IllegalArgumentException(id + ": anchor and sampler must share items and embeddingSize "
                        + "(Eq. 7 moves both embeddings by the same Delta); found anchor " + anchor.numItems()
                        + " items x " + anchor.embeddingSize() + ", sampler " + sampler.numItems() + " items x "
                        + sampler.embeddingSize());
            }
        }
        long start = System.nanoTime();
        Random rng = ctx.random(id);
        Intervention all = Intervention.choose(train, params.getInt("index"), params.getDouble("fraction"),
                Math.min(sampler.maxLength(), anchor == null ? Integer.MAX_VALUE : anchor.maxLength()), rng);
        double kappa = params.getDouble("kappa");
        int batchSize = params.getInt("batchSize");
        List<int[]> samples = new ArrayList<>();
        List<int[]> meta = new ArrayList<>();
        List<Float> confidences = new ArrayList<>();
        int byKappa = 0;
        int sameNext = 0;
        int n = all.size();
        for (int from = 0; from < n; from += batchSize) {
            ctx.checkCancelled();
            int to = Math.min(n, from + batchSize);
            Intervention batch = slice(all, from, to);
            int[] replacement = replacements(batch, sampler, anchor, params, rng);
            List<Integer> live = new ArrayList<>();
            for (int k = 0; k < batch.size(); k++) {
                if (replacement[k] >= 0) {
                    live.add(k);
                }
            }
            int[][] changed = new int[live.size()][];
            for (int i = 0; i < live.size(); i++) {
                int k = live.get(i);
                changed[i] = batch.histories()[k].clone();
                changed[i][batch.positions()[k]] = replacement[k];
            }
            float[][] logits = changed.length == 0 ? new float[0][]
                    : sampler.probe(changed, filled(changed.length, -1), new float[changed.length][], null).logits();
            for (int i = 0; i < live.size(); i++) {
                int k = live.get(i);
                float[] p = Numerics.softmax(logits[i], 1.0);
                int next = Numerics.argmax(p);
                if (!(p[next] > kappa)) {
                    byKappa++;
                    continue;
                }
                if (requiresChangedNext() && next == batch.nexts()[k]) {
                    sameNext++;
                    continue;
                }
                int[] sample = Arrays.copyOf(changed[i], changed[i].length + 1);
                sample[changed[i].length] = next;
                samples.add(sample);
                meta.add(new int[] {batch.users()[k], batch.positions()[k], batch.histories()[k][batch.positions()[k]]});
                confidences.add(p[next]);
            }
            ctx.progress((double) to / n, id + ": " + to + " of " + n + " samples");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int[] users = new int[samples.size()];
        int[] positions = new int[samples.size()];
        int[] originals = new int[samples.size()];
        float[] conf = new float[samples.size()];
        for (int i = 0; i < users.length; i++) {
            users[i] = meta.get(i)[0];
            positions[i] = meta.get(i)[1];
            originals[i] = meta.get(i)[2];
            conf[i] = confidences.get(i);
        }
        ctx.log(System.Logger.Level.INFO, String.format("%s: %d of %d samples kept (%d below kappa %.3g, %d with an "
                + "unchanged next item), %.1f s; confidence of the kept samples: %s", id, samples.size(), n, byKappa,
                kappa, sameNext, seconds, quantiles(confidences)));
        return new Counterfactuals(samples, users, positions, originals, conf, n, byKappa, sameNext, seconds);
    }

    /** Minimum, quartiles, 90th percentile and maximum of the values, for the log (kappa is read against it). */
    static String quantiles(List<Float> values) {
        if (values.isEmpty()) {
            return "none";
        }
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        Arrays.sort(v);
        StringBuilder s = new StringBuilder();
        String[] names = {"min", "q1", "median", "q3", "p90", "max"};
        double[] at = {0, 0.25, 0.5, 0.75, 0.9, 1};
        for (int k = 0; k < at.length; k++) {
            s.append(k == 0 ? "" : ", ").append(names[k]).append(' ')
                    .append(String.format(Locale.ROOT, "%.3f", v[(int) Math.round(at[k] * (v.length - 1))]));
        }
        return s.toString();
    }

    private static Intervention slice(Intervention all, int from, int to) {
        return new Intervention(Arrays.copyOfRange(all.users(), from, to), Arrays.copyOfRange(all.histories(), from, to),
                Arrays.copyOfRange(all.nexts(), from, to), Arrays.copyOfRange(all.positions(), from, to));
    }

    static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    /**
     * Fits the sampler for standalone use: trains S (and A for the model-oriented sampler) on the
     * reference with the sequential bundle's recommenders.
     *
     * @param reference the real training data
     * @param params    validated parameters
     * @param ctx       the run context
     * @return a generator model whose sample is the counterfactual dataset
     * @throws IllegalArgumentException if no reference is given
     */
    @Override
    public GeneratorModel fit(Dataset reference, Params params, RunContext ctx) {
        String id = descriptor().id();
        if (reference == null) {
            throw new IllegalArgumentException(id + ": needs the real sequences to intervene on; it cannot work "
                    + "from scratch");
        }
        SequenceAnchor sampler = trainNetwork(params.getString("samplerModel"), reference, params,
                ctx.scoped("sampler", 0, needsAnchor() ? 0.5 : 1));
        SequenceAnchor anchor = needsAnchor() ? trainNetwork(params.getString("anchorModel"), reference, params,
                ctx.scoped("anchor", 0.5, 1)) : null;
        return new GeneratorModel() {
            @Override
            public Dataset sample(RunContext sampleCtx) {
                return toDataset(id, reference.numItems(), generate(reference, sampler, anchor, params, sampleCtx));
            }
        };
    }

    private static SequenceAnchor trainNetwork(String model, Dataset data, Params params, RunContext ctx) {
        AnchorRecommender rec = SequenceAnchors.create(model);
        Params p = rec.descriptor().params().validate(Map.of("epochs", params.getInt("networkEpochs"),
                "embeddingSize", params.getInt("embeddingSize"), "maxLength", params.getInt("maxLength"),
                "order", params.getString("order")), model);
        return rec.fit(data, p, ctx);
    }

    /**
     * The samples as a dataset: one user per sample, its history then its next item, in order.
     *
     * @param id       the generator id, for the name
     * @param numItems the catalogue size
     * @param c        the samples
     * @return the dataset
     */
    static Dataset toDataset(String id, int numItems, Counterfactuals c) {
        DatasetBuilder b = Dataset.builder(id + "-counterfactuals", c.samples().size(), numItems);
        for (int u = 0; u < c.samples().size(); u++) {
            for (int item : c.samples().get(u)) {
                b.add(u, item, 1f);
            }
        }
        return b.build();
    }

    /**
     * One probe of the sampler or anchor with the replaced step of each sample set to a vector.
     *
     * @param net     the network
     * @param batch   the samples
     * @param rows    the vectors
     * @param targets per sample, a target distribution, or null for scores only
     * @return the probe result
     */
    static ProbeResult probeRows(SequenceAnchor net, Intervention batch, float[][] rows, float[][] targets) {
        return net.probe(batch.histories(), batch.positions(), rows, targets);
    }
}
