package org.surrogate.bundles.fidelity;

import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
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
import org.surrogate.bundles.commons.stats.CooccurrenceSimilarity;
import org.surrogate.bundles.commons.stats.SingularValues;

/**
 * Dataset fidelity (survey section 3.1): how closely input {@code train} (the compared dataset, say
 * synthetic) matches input {@code test} (the reference, say real). A model, if given, is ignored.
 *
 * <p>"Counted" users and items are those with at least one interaction (all of the id space with
 * {@code includeEmpty}). Activity is the number of interactions of each counted user, popularity that of
 * each counted item. Metrics, {@code .real} for the reference and {@code .synthetic} for the compared:
 * <ul>
 * <li>{@code users.*}, {@code items.*}: counted users and items; {@code interactions.*}: all interactions;
 *     {@code density.* = interactions / (users * items)};</li>
 * <li>{@code activity.ks}, {@code popularity.ks}: two-sample Kolmogorov-Smirnov statistic
 *     {@code sup |F - G|} between the activity (popularity) samples; {@code *.ks.pvalue}: its p-value
 *     {@code P(D >= d)} (exact below 10000 pairs of observations, asymptotic above; near 0 on any real-size
 *     data, so read the statistic);</li>
 * <li>{@code activity.wasserstein}, {@code popularity.wasserstein}: Wasserstein-1 distance
 *     {@code integral |F - G|}, in interactions per user (item);</li>
 * <li>{@code activity.js}, {@code popularity.js}: Jensen-Shannon divergence (base 2, in [0, 1]) between
 *     the histograms in log2 bins {@code 0 | 1 | 2-3 | 4-7 | ...};</li>
 * <li>{@code gini.*}: Gini coefficient of the popularity, {@code sum (2i - n - 1) x(i) / (n sum x)}
 *     over sorted counts;</li>
 * <li>only when some value is not 1 (explicit ratings): {@code rating.js}, Jensen-Shannon between the
 *     histograms of the interaction values (a bin per distinct value when both have at most 64 together,
 *     else 20 quantile bins of the reference plus tail bins); {@code usersum.ks}, {@code usersum.wasserstein},
 *     {@code itemsum.ks}, {@code itemsum.wasserstein}: the same distances between the per-user and per-item
 *     value sums (the survey's "user-wise and item-wise rating sums");</li>
 * <li>only when both have timestamps: a session is a maximal run of a user's time-ordered interactions
 *     with gaps of at most {@code sessionGap}; {@code session.length.ks}, {@code session.length.wasserstein}
 *     between the interactions per session, {@code session.count.ks} between the sessions per user. There
 *     is no {@code seqlen.*}: a user's sequence is all their interactions, so its length is their
 *     activity ({@code activity.*});</li>
 * <li>{@code sv.relerr}: with {@code s_i} and {@code t_i} the top {@code topK} singular values of the
 *     reference and compared user x item matrices ({@code svMatrix} entries), each divided by its own
 *     matrix's Frobenius norm, the mean over i of {@code |t_i - s_i| / s_i} (0 for the same normalised
 *     spectrum; the random start of both computations comes from the stream {@code ctx.random("svd")});</li>
 * <li>{@code cooc.mae}, {@code cooc.pearson}: for the {@code coocItems} items with the most distinct
 *     users in the reference, the cosine {@code c_ij / sqrt(n_i n_j)} of every pair (distinct users in
 *     common over the root of the product of their user counts) in each dataset, items matched by dense
 *     id; the mean absolute difference and the Pearson correlation of the two upper triangles.</li>
 * </ul>
 * A metric that is undefined (say {@code cooc.pearson} when the compared dataset has no co-occurrence at
 * all) is left out and the reason logged. Plot data go to artifacts ({@link FidelityArtifacts}).
 */
@Component(service = Evaluator.class)
public final class FidelityEvaluator implements Evaluator {

    /** The plugin id. */
    public static final String ID = "fidelity";

    /** Parameter: the number of singular values. */
    public static final String TOP_K = "topK";
    /** Parameter: the number of reference items in the co-occurrence comparison. */
    public static final String COOC_ITEMS = "coocItems";
    /** Parameter: the matrix entries for the singular values. */
    public static final String SV_MATRIX = "svMatrix";
    /** Parameter: whether users and items without interactions count. */
    public static final String INCLUDE_EMPTY = "includeEmpty";
    /** Parameter: the largest gap inside a session. */
    public static final String SESSION_GAP = "sessionGap";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.EVALUATOR,
            "Dataset fidelity",
            "Compares a dataset (train, e.g. synthetic) with a reference (test, e.g. real): activity and popularity "
                    + "distributions (KS, Wasserstein-1, Jensen-Shannon), density, Gini, rating histogram, sessions, "
                    + "top singular values and item co-occurrence similarity; writes tables for plots.",
            new PaperReference("Lesnikowski, Moreira, Rabhi, Byleen-Higley. Synthetic Data and Simulators for "
                    + "Recommendation Systems: Current State and Future Directions. SimuRec workshop, RecSys 2021 "
                    + "(section 3.1, dataset fidelity).", null),
            ParamSchema.of(
                    ParamSpec.intParam(TOP_K).defaultValue(SingularValues.DEFAULT_K).range(1, 200)
                            .help("Number of top singular values compared (sv.relerr).").build(),
                    ParamSpec.intParam(COOC_ITEMS).defaultValue(CooccurrenceSimilarity.DEFAULT_ITEMS).range(2, 2000)
                            .help("Number of the reference's most popular items whose pairwise co-occurrence "
                                    + "cosines are compared (cooc.mae, cooc.pearson).").build(),
                    ParamSpec.choiceParam(SV_MATRIX, "binary", "values").defaultValue("binary")
                            .help("Entries of the user x item matrix for the singular values: 1 per interaction "
                                    + "(binary) or the interaction values (values).").build(),
                    ParamSpec.booleanParam(INCLUDE_EMPTY).defaultValue(false)
                            .help("Count users and items without interactions (the whole id space) in the "
                                    + "distributions, counts, density and Gini.").build(),
                    ParamSpec.longParam(SESSION_GAP).defaultValue(1800L).min(0)
                            .help("Largest gap between two interactions of one session, in timestamp units "
                                    + "(seconds for most data sets); used when both datasets have timestamps.")
                            .build()));

    /** The protocol named in every result. */
    static final String PROTOCOL = "dataset fidelity: input train (compared, e.g. synthetic) against input test "
            + "(reference, e.g. real); ";

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Computes the fidelity metrics and writes the plot artifacts.
     *
     * @param input  {@code train}: the compared dataset; {@code test}: the reference; the model is ignored
     * @param params validated parameters
     * @param ctx    the run context: random stream "svd", progress, cancellation, artifacts, log
     * @return the metrics, without per-user values
     * @throws IllegalArgumentException if either dataset has fewer than 2 users or 2 items with
     *                                  interactions
     */
    @Override
    public EvaluationResult evaluate(EvaluationInput input, Params params, RunContext ctx) {
        FidelitySettings settings = FidelitySettings.from(params);
        check(input.test(), "reference", "test");
        check(input.train(), "compared", "train");
        ctx.progress(0, "marginal statistics");
        Profile real = Profile.of(input.test(), settings.includeEmpty(), settings.sessionGap());
        Profile synthetic = Profile.of(input.train(), settings.includeEmpty(), settings.sessionGap());
        FidelityReport report = new FidelityComputation(real, synthetic, settings, ctx).run();
        ctx.progress(0.9, "writing plot data");
        new FidelityArtifacts(ctx).write(real, synthetic, settings, report);
        for (String why : report.omitted()) {
            ctx.log(System.Logger.Level.INFO, "evaluator '" + ID + "': left out " + why);
        }
        ctx.progress(1, "compared '" + input.train().name() + "' with '" + input.test().name() + "'");
        return new EvaluationResult(protocol(settings), report.metrics());
    }

    static String protocol(FidelitySettings s) {
        String counted = s.includeEmpty() ? "all users and items of the id space counted"
                : "users and items without interactions left out";
        return PROTOCOL + counted + "; top " + s.topK() + " singular values of the " + s.svMatrix().label()
                + " matrix; co-occurrence of the reference's top " + s.coocItems() + " items";
    }

    /** Both datasets need 2 users and 2 items with interactions (sample sizes of the KS test, item pairs). */
    private static void check(Dataset data, String role, String part) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("evaluator '" + ID + "': the " + role + " dataset '" + data.name()
                    + "' (input " + part + ") has no interactions; give at least 2 users and 2 items with "
                    + "interactions");
        }
        int users = 0;
        for (int u = 0; u < data.numUsers() && users < 2; u++) {
            users += data.degree(u) > 0 ? 1 : 0;
        }
        int items = 0;
        int[] counts = data.itemCounts();
        for (int i = 0; i < counts.length && items < 2; i++) {
            items += counts[i] > 0 ? 1 : 0;
        }
        if (users < 2 || items < 2) {
            throw new IllegalArgumentException("evaluator '" + ID + "': the " + role + " dataset '" + data.name()
                    + "' (input " + part + ") has " + (users < 2 ? users + " user" : items + " item")
                    + " with interactions; at least 2 users and 2 items with interactions are needed");
        }
    }
}
