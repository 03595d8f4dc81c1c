package org.surrogate.bundles.rankingmetrics;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.evaluation.Evaluator;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.TopK;
import org.surrogate.api.run.RunContext;

/**
 * Full-ranking top-N metrics: NDCG@k, Recall@k and Precision@k for each cut-off k.
 *
 * <p>For every user with at least one relevant item, the model scores all items; the user's
 * training items are excluded (score {@code -Infinity}), and the top {@code max(ks)} items are taken
 * with {@link TopK} (ties go to the lower item id; NaN scores are never ranked). A user's relevant
 * items are the distinct items of their test interactions that are not among their training items
 * (those could never be ranked); relevance is binary. Then, with {@code hits@k} the relevant items
 * among the first k:
 * <ul>
 * <li>{@code ndcg@k = DCG@k / IDCG@k}, {@code DCG@k = sum over ranks r <= k of rel_r / log2(r + 1)},
 *     IDCG@k the same for the first {@code min(k, |relevant|)} ranks all relevant;</li>
 * <li>{@code recall@k = hits@k / |relevant|};</li>
 * <li>{@code precision@k = hits@k / k}, also when fewer than k items could be ranked.</li>
 * </ul>
 * Users without relevant items are skipped: they count in no average and have no per-user value.
 * Metrics are the means over the evaluated users; the per-user arrays list those users in
 * increasing user id.
 */
@Component(service = Evaluator.class)
public final class RankingMetricsEvaluator implements Evaluator {

    /** The plugin id. */
    public static final String ID = "ranking-metrics";

    /** The protocol named in every result. */
    public static final String PROTOCOL = "full ranking over all items, train items excluded, users with test items only";

    /** Users scored per call of {@link Model#score}. */
    static final int BATCH = 256;

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.EVALUATOR,
            "Ranking metrics (full ranking)",
            "NDCG, Recall and Precision at each cut-off, ranking all items not in the user's training data, "
                    + "averaged over users with test items.",
            null,
            ParamSchema.of(ParamSpec.intListParam("ks").defaultValue(List.of(10, 20)).min(1)
                    .help("Cut-offs k of the top-k lists, such as [5, 10, 20]; each gives ndcg@k, recall@k and "
                            + "precision@k.").build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Ranks all items for every user with test items and averages the metrics.
     *
     * @param input  train (items to exclude), test (the truth) and the model
     * @param params validated parameters ({@code ks})
     * @param ctx    the run context: progress, cancellation, a log line with the user counts
     * @return "ndcg@k", "recall@k" and "precision@k" for every k, with per-user values
     * @throws IllegalArgumentException if there is no model, no cut-off, the model scores another
     *                                  number of items, or no user has a relevant test item
     */
    @Override
    public EvaluationResult evaluate(EvaluationInput input, Params params, RunContext ctx) {
        Model model = input.requireModel(ID);
        Dataset train = input.train();
        int n = train.numItems();
        int[] ks = cutoffs(params.getIntList("ks"));
        if (model.numItems() != n) {
            throw new IllegalArgumentException("evaluator '" + ID + "': the model scores " + model.numItems()
                    + " items but the data has " + n + "; fit the model on this training data");
        }
        RelevantItems relevant = RelevantItems.of(train, input.test());
        int[] users = relevant.users();
        if (users.length == 0) {
            throw new IllegalArgumentException("evaluator '" + ID + "': no user of test data '" + input.test().name()
                    + "' has a test item outside their training items; nothing to evaluate");
        }
        CutoffMetrics metrics = new CutoffMetrics(ks, users.length, n);
        int maxK = ks[ks.length - 1];
        for (int from = 0; from < users.length; from += BATCH) {
            ctx.checkCancelled();
            ctx.progress((double) from / users.length, "ranking for users " + from + " of " + users.length);
            int to = Math.min(users.length, from + BATCH);
            int[] batch = Arrays.copyOfRange(users, from, to);
            float[] scores = new float[batch.length * n];
            model.score(batch, scores);
            for (int row = 0; row < batch.length; row++) {
                int base = row * n;
                int u = batch[row];
                for (int i = train.begin(u); i < train.end(u); i++) {
                    scores[base + train.item(i)] = Float.NEGATIVE_INFINITY;
                }
                metrics.add(from + row, TopK.select(scores, base, base + n, maxK), relevant.of(from + row));
            }
        }
        ctx.progress(1.0, "evaluated " + users.length + " users");
        ctx.log(System.Logger.Level.INFO, "evaluator '" + ID + "': evaluated " + users.length + " of "
                + train.numUsers() + " users; " + (train.numUsers() - users.length)
                + " without relevant test items were skipped");
        return new EvaluationResult(PROTOCOL, metrics.means(), users, metrics.perUser());
    }

    /** The distinct cut-offs in increasing order. */
    private static int[] cutoffs(List<Integer> ks) {
        if (ks.isEmpty()) {
            throw new IllegalArgumentException("evaluator '" + ID + "': ks must list at least one cut-off, found []; "
                    + "use for example [10, 20]");
        }
        return new TreeSet<>(ks).stream().mapToInt(Integer::intValue).toArray();
    }
}
