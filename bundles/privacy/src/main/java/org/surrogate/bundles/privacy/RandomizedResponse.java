package org.surrogate.bundles.privacy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.privacy.PrivacyGuarantee;
import org.surrogate.api.privacy.PrivacyMechanism;
import org.surrogate.api.run.RunContext;

/**
 * Randomized response on implicit feedback: every cell of the binary user x item matrix (1 when the user
 * has at least one interaction with the item, whatever its value) is reported independently: a 1 stays 1
 * with probability p, a 0 becomes 1 with probability q ({@link ResponseProbabilities}).
 *
 * <p><b>Unit and accounting.</b> The protected unit is <em>one (user, item) cell</em>, that is one
 * interaction's presence: neighbouring datasets differ in one cell. The release is epsilon-local DP per
 * cell (delta = 0). A user's whole row of m cells has {@code m * epsilon} by composition (for a change of
 * k of their cells, {@code k * epsilon}). Released as is: the numbers of users and items. Values become 1,
 * timestamps, repeats and order are dropped (they would reveal which reported cells are real).
 *
 * <p><b>Scaling.</b> Flipping every 0 one by one would visit all users x items cells. Instead, for each
 * user with {@code z} zero cells, the number of flipped zeros is drawn from {@code Binomial(z, q)} (by
 * inversion, commons-math3) and that many zero cells are chosen uniformly without replacement
 * ({@link DistinctSampler}, Floyd's algorithm): the same distribution as independent flips, in time and
 * memory proportional to the output. The output still holds about {@code q * users * items} flipped cells,
 * which the privacy level dictates; the mechanism refuses to run when the expected output exceeds
 * {@code maxOutputInteractions}.
 *
 * <p>Randomness: one generator from the stream {@value #STREAM}, users in order.
 */
@Component(service = PrivacyMechanism.class)
public final class RandomizedResponse implements PrivacyMechanism {

    /** The plugin id. */
    public static final String ID = "randomized-response";
    /** Parameter: the probability p that a 1 stays 1. */
    public static final String KEEP = "keepProbability";
    /** Parameter: whether to use Warner's symmetric response. */
    public static final String SYMMETRIC = "symmetric";
    /** Parameter: the largest expected output. */
    public static final String MAX_OUTPUT = "maxOutputInteractions";

    static final String STREAM = "randomized-response";
    private static final String OWNER = "privacy mechanism '" + ID + "'";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.PRIVACY_MECHANISM,
            "Randomized response on implicit feedback",
            "Reports each (user, item) cell of the binary interaction matrix through randomized response: a 1 stays 1 "
                    + "with probability p, a 0 becomes 1 with probability q = max(p e^-epsilon, 1 - (1-p) e^epsilon) "
                    + "(or Warner's symmetric p = e^epsilon/(1+e^epsilon), q = 1-p). Protects one interaction's presence: "
                    + "epsilon-local DP per cell, delta 0; a user's row of m cells has m * epsilon. Flipped zeros are "
                    + "drawn per user as a binomial count placed uniformly, so it scales with the output. Values become "
                    + "1, timestamps are dropped. epsilon = Infinity returns the data unchanged.",
            new PaperReference("Warner. Randomized Response: A Survey Technique for Eliminating Evasive Answer Bias. "
                    + "JASA 1965; Wang, Blocki, Li, Jha. Locally Differentially Private Protocols for Frequency "
                    + "Estimation. USENIX Security 2017 (optimized unary encoding, p = 1/2); survey section 2.2", null),
            ParamSchema.of(
                    Budget.epsilon("(user, item) cell"),
                    ParamSpec.doubleParam(KEEP).defaultValue(0.5).openRange(0, 1)
                            .help("Probability p that an observed interaction is reported; the flip probability of "
                                    + "empty cells is then the smallest giving epsilon-LDP. 0.5 is the optimized unary "
                                    + "encoding (q = e^-epsilon / 2). Ignored when symmetric is true.").build(),
                    ParamSpec.booleanParam(SYMMETRIC).defaultValue(false)
                            .help("Use Warner's symmetric response p = e^epsilon / (1 + e^epsilon), q = 1 - p (much denser "
                                    + "output on sparse data).").build(),
                    ParamSpec.longParam(MAX_OUTPUT).defaultValue(200_000_000L).range(1, 1_000_000_000)
                            .help("Refuse to run when the expected number of reported cells exceeds this (the flipped "
                                    + "cells grow as q * users * items).").build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * The guarantee: epsilon-LDP per cell.
     *
     * @param params validated parameters
     * @return the guarantee, delta 0
     */
    @Override
    public PrivacyGuarantee guarantee(Params params) {
        double epsilon = params.getDouble(Budget.EPSILON);
        if (Budget.none(epsilon)) {
            return Budget.unprotected(ID);
        }
        ResponseProbabilities r = probabilities(params);
        return new PrivacyGuarantee(epsilon, 0, "interaction-level epsilon-local DP per (user, item) cell of the "
                + "binary matrix, randomized response with keep probability " + r.keep() + " and flip probability "
                + r.flip() + "; a user's row of m cells has m * epsilon by composition; numbers of users and items "
                + "released as is; values set to 1, timestamps dropped");
    }

    /**
     * Applies randomized response.
     *
     * @param data   the dataset; any interaction counts as a 1
     * @param params validated parameters
     * @param ctx    the run context: stream {@value #STREAM}, progress, cancellation, log
     * @return a dataset with the dense ids of {@code data} (and its original ids when it has no timestamps),
     *         value 1 per reported cell, items of each user in increasing order, no timestamps; {@code data}
     *         itself when epsilon is Infinity
     * @throws IllegalArgumentException if the expected output exceeds maxOutputInteractions
     */
    @Override
    public Dataset apply(Dataset data, Params params, RunContext ctx) {
        double epsilon = params.getDouble(Budget.EPSILON);
        if (Budget.none(epsilon)) {
            ctx.log(System.Logger.Level.INFO, OWNER + ": epsilon is Infinity, data returned unchanged");
            return data;
        }
        ResponseProbabilities r = probabilities(params);
        int[][] rows = distinctRows(data);
        double expected = expectedOutput(rows, data.numItems(), r);
        long max = params.getLong(MAX_OUTPUT);
        if (expected > max) {
            throw new IllegalArgumentException(OWNER + ": the expected output of " + Math.round(expected)
                    + " reported cells (flip probability " + r.flip() + " x " + data.numUsers() + " users x "
                    + data.numItems() + " items) exceeds " + MAX_OUTPUT + " = " + max
                    + "; raise epsilon, lower " + KEEP + " or raise " + MAX_OUTPUT);
        }
        ctx.log(System.Logger.Level.INFO, OWNER + ": keep probability " + r.keep() + ", flip probability " + r.flip()
                + ", expected output " + Math.round(expected) + " cells from " + data.size() + " interactions");
        String name = data.name() + " (" + ID + " epsilon=" + Budget.format(epsilon) + ")";
        DatasetBuilder b = data.hasTimestamps() ? Dataset.builder(name, data.numUsers(), data.numItems())
                : Dataset.builderLike(name, data);
        respond(rows, data.numItems(), r, new SplittableRandom(RunContext.streamSeed(ctx.seed(), STREAM)), b, ctx);
        return b.build();
    }

    private static void respond(int[][] rows, int numItems, ResponseProbabilities r, SplittableRandom rng,
                                DatasetBuilder b, RunContext ctx) {
        DistinctSampler sampler = new DistinctSampler();
        for (int u = 0; u < rows.length; u++) {
            if ((u & 1023) == 0) {
                ctx.checkCancelled();
                ctx.progress((double) u / rows.length, "randomized response, user " + u + " of " + rows.length);
            }
            int[] ones = rows[u];
            int zeros = numItems - ones.length;
            int flipped = binomial(zeros, r.flip(), rng);
            int[] chosen = sampler.sample(zeros, flipped, rng);
            // chosen[j] is an index among the zero cells; merge with the ones, mapping indices to items.
            int passed = 0;
            for (int c : chosen) {
                while (passed < ones.length && ones[passed] <= c + passed) {
                    keep(b, u, ones[passed++], r, rng);
                }
                b.add(u, c + passed, 1f);
            }
            while (passed < ones.length) {
                keep(b, u, ones[passed++], r, rng);
            }
        }
        ctx.progress(1, "randomized response done");
    }

    private static void keep(DatasetBuilder b, int user, int item, ResponseProbabilities r, SplittableRandom rng) {
        if (rng.nextDouble() < r.keep()) {
            b.add(user, item, 1f);
        }
    }

    /**
     * A Binomial(n, p) number by inversion of its distribution function.
     *
     * @param n   trials
     * @param p   success probability
     * @param rng the generator
     * @return the number
     */
    static int binomial(int n, double p, SplittableRandom rng) {
        if (n == 0 || p == 0) {
            return 0;
        }
        if (p == 1) {
            return n;
        }
        return new BinomialDistribution(null, n, p).inverseCumulativeProbability(rng.nextDouble());
    }

    /** Each user's distinct items, sorted. */
    static int[][] distinctRows(Dataset data) {
        int[][] rows = new int[data.numUsers()][];
        for (int u = 0; u < rows.length; u++) {
            int[] items = data.itemsOf(u);
            Arrays.sort(items);
            int n = 0;
            for (int k = 0; k < items.length; k++) {
                if (k == 0 || items[k] != items[k - 1]) {
                    items[n++] = items[k];
                }
            }
            rows[u] = n == items.length ? items : Arrays.copyOf(items, n);
        }
        return rows;
    }

    private static double expectedOutput(int[][] rows, int numItems, ResponseProbabilities r) {
        double sum = 0;
        for (int[] row : rows) {
            sum += r.keep() * row.length + r.flip() * (numItems - row.length);
        }
        return sum;
    }

    /**
     * The response probabilities of the parameters.
     *
     * @param params validated parameters with a finite epsilon
     * @return p and q
     */
    static ResponseProbabilities probabilities(Params params) {
        double epsilon = params.getDouble(Budget.EPSILON);
        return params.getBoolean(SYMMETRIC) ? ResponseProbabilities.symmetric(epsilon)
                : ResponseProbabilities.asymmetric(params.getDouble(KEEP), epsilon);
    }
}
