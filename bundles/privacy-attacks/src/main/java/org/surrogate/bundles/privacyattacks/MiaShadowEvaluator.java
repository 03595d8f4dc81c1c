package org.surrogate.bundles.privacyattacks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.evaluation.Evaluator;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.RunContext;

/**
 * A shadow-style membership attack, kept simple: a logistic-regression classifier ({@link LogisticRegression})
 * on features of each record against the synthetic data ({@link RecordFeatures}: distance to the closest and
 * to the k closest synthetic records, their ratio, the record's size, how many of its items the synthetic data
 * contain and how popular they are there), trained on records whose membership the attacker knows and
 * evaluated on the others.
 *
 * <p><b>What "shadow" means here.</b> The shadow-model attack of Shokri et al. (S&amp;P 2017), as adapted to
 * synthetic data by Stadler, Oprisanu and Troncoso (USENIX Security 2022), trains its classifier on shadow
 * synthetic datasets made by running the generator on shadow training sets of known membership. An evaluator
 * cannot run the generator (it receives datasets only), so this attack uses the one run it is given as its
 * shadow run: the members and non-members are split at random, a share {@code shadowFraction} of each
 * (the shadow records, whose membership the attacker is assumed to know: a strong, informed attacker) trains
 * the classifier against the synthetic data, and the rest (the target records) measure it. Features are
 * standardised on the shadow records; the classes get equal total weight.
 *
 * <p>Input by the convention of {@link MembershipData}: {@code train} = synthetic, {@code test} = members,
 * {@code foldIn} = non-members (required). Metrics on the target records: {@code auc}, {@code auc.lower},
 * {@code auc.upper}, {@code advantage}; {@code auc.shadow} (on the shadow records: how well the classifier
 * fits), {@code members.target}, {@code nonmembers.target}, and {@code coef.<feature>} (standardised
 * coefficients). Randomness: streams "shadow/split" and "bootstrap".
 */
@Component(service = Evaluator.class)
public final class MiaShadowEvaluator implements Evaluator {

    /** The plugin id. */
    public static final String ID = "mia-shadow";
    /** Parameter: the number of neighbours of the knn feature. */
    public static final String NEIGHBOURS = "neighbours";
    /** Parameter: the share of records used to train the attack. */
    public static final String SHADOW_FRACTION = "shadowFraction";
    /** Parameter: the L2 penalty. */
    public static final String L2 = "l2";

    private static final String OWNER = "evaluator '" + ID + "'";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.EVALUATOR,
            "Membership inference: shadow classifier",
            "Trains a logistic-regression attack on distance and coverage features of records against a synthetic "
                    + "dataset (input train), using a random share of the members (input test) and non-members (input "
                    + "foldIn) as shadow records of known membership, and reports its AUC (bootstrap interval) and "
                    + "advantage on the remaining records. The generator's own run serves as the shadow run.",
            new PaperReference("Shokri, Stronati, Song, Shmatikov. Membership Inference Attacks Against Machine "
                    + "Learning Models. IEEE S&P 2017; Stadler, Oprisanu, Troncoso. Synthetic Data - Anonymisation "
                    + "Groundhog Day. USENIX Security 2022", null),
            new ParamSchema(specs()));

    private static List<ParamSpec> specs() {
        List<ParamSpec> specs = new ArrayList<>();
        specs.add(Distance.param());
        specs.add(ParamSpec.intParam(NEIGHBOURS).defaultValue(5).range(1, 1000)
                .help("k of the mean distance to the k closest synthetic records.").build());
        specs.add(ParamSpec.doubleParam(SHADOW_FRACTION).defaultValue(0.5).openRange(0, 1)
                .help("Share of the members and of the non-members used as shadow records to train the attack; the "
                        + "rest measure it.").build());
        specs.add(ParamSpec.doubleParam(L2).defaultValue(1.0).greaterThan(0)
                .help("L2 penalty on the standardised coefficients (keeps the fit finite on separable data).")
                .build());
        specs.addAll(AttackReport.specs());
        return specs;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Runs the attack.
     *
     * @param input  train = synthetic, test = members, foldIn = non-members; the model is ignored
     * @param params validated parameters
     * @param ctx    the run context: streams "shadow/split" and "bootstrap", progress, cancellation, log
     * @return the metrics
     * @throws IllegalArgumentException if foldIn is missing, the item spaces differ, or fewer than 2 shadow or
     *                                  target records remain in a class
     */
    @Override
    public EvaluationResult evaluate(EvaluationInput input, Params params, RunContext ctx) {
        MembershipData data = MembershipData.from(ID, input);
        Distance distance = Distance.of(params.getString(Distance.PARAM));
        double fraction = params.getDouble(SHADOW_FRACTION);
        int k = params.getInt(NEIGHBOURS);
        SplittableRandom rng = new SplittableRandom(RunContext.streamSeed(ctx.seed(), "shadow/split"));
        int[] members = permutation(data.members().length, rng);
        int[] nonMembers = permutation(data.nonMembers().length, rng);
        int shadowM = split(members.length, fraction, "members (test)");
        int shadowN = split(nonMembers.length, fraction, "non-members (foldIn)");
        ctx.progress(0, "features of " + (members.length + nonMembers.length) + " records");
        SyntheticIndex index = new SyntheticIndex(data.synthetic(), data.numItems(), distance);
        double[][] xm = RecordFeatures.of(index, pick(data.members(), members), k);
        ctx.checkCancelled();
        double[][] xn = RecordFeatures.of(index, pick(data.nonMembers(), nonMembers), k);
        ctx.progress(0.6, "training the attack");
        LogisticRegression attack = LogisticRegression.fit(Arrays.copyOf(xm, shadowM), Arrays.copyOf(xn, shadowN),
                params.getDouble(L2));
        Map<String, Double> metrics = new LinkedHashMap<>();
        AttackReport.success(metrics, scores(attack, xm, shadowM, xm.length),
                scores(attack, xn, shadowN, xn.length), params, ctx);
        metrics.put("auc.shadow", new AttackAuc(scores(attack, xm, 0, shadowM), scores(attack, xn, 0, shadowN)).auc());
        metrics.put("members.target", (double) (xm.length - shadowM));
        metrics.put("nonmembers.target", (double) (xn.length - shadowN));
        double[] coef = attack.coefficients();
        for (int j = 0; j < RecordFeatures.NAMES.size(); j++) {
            metrics.put("coef." + RecordFeatures.NAMES.get(j), coef[j + 1]);
        }
        ctx.progress(1, "membership AUC " + metrics.get("auc"));
        return new EvaluationResult("membership inference by a logistic-regression attack on " + distance.label()
                + " distance features (k = " + k + "), trained on a random " + fraction + " of the members (test) and "
                + "non-members (foldIn) against the synthetic data (train), measured on the rest", metrics);
    }

    private static int split(int n, double fraction, String role) {
        int shadow = (int) Math.round(n * fraction);
        if (shadow < 2 || n - shadow < 2) {
            throw new IllegalArgumentException(OWNER + ": " + shadowFractionText(fraction) + " of " + n + " " + role
                    + " leaves " + shadow + " shadow and " + (n - shadow) + " target records; at least 2 of each are "
                    + "needed");
        }
        return shadow;
    }

    private static String shadowFractionText(double fraction) {
        return SHADOW_FRACTION + " " + fraction;
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int[][] pick(int[][] rows, int[] order) {
        int[][] out = new int[order.length][];
        for (int i = 0; i < order.length; i++) {
            out[i] = rows[order[i]];
        }
        return out;
    }

    private static double[] scores(LogisticRegression attack, double[][] x, int from, int to) {
        double[] s = new double[to - from];
        for (int i = from; i < to; i++) {
            s[i - from] = attack.score(x[i]);
        }
        return s;
    }
}
