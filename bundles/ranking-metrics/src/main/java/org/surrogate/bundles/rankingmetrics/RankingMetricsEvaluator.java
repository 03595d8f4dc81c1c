package org.surrogate.bundles.rankingmetrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
import org.surrogate.bundles.commons.scoring.RankingEngine;
import org.surrogate.bundles.commons.scoring.RankingStats;
import org.surrogate.bundles.commons.scoring.RowConsumer;

/**
 * Top-N ranking metrics at each cut-off k, by full ranking unless sampled negatives are asked for.
 *
 * <p><b>What is ranked.</b> Without fold-in data (weak generalization) the model scores every item
 * for each test user ({@link Model#score}) and the user's train items are excluded; with fold-in data
 * (strong generalization) the model scores each test user's fold-in history
 * ({@link Model#scoreHistories}) and the fold-in items are excluded (train items are not: the test
 * users are not in training). Excluded items get score {@code -Infinity}; the top {@code max(ks)}
 * items are selected with {@link TopK}: ties go to the lower item id, {@code -Infinity} and NaN
 * scores are never ranked. Users are scored in batches on all cores by {@link RankingEngine}, the
 * batch size chosen from the free heap.
 *
 * <p><b>Who is evaluated.</b> A user's relevant items are the distinct items of the user's test
 * interactions that are not excluded (an excluded item can never be ranked); relevance is binary.
 * Users without relevant items are skipped and counted in the log; metric {@code users} is the number
 * of evaluated users. If no user has a relevant item the evaluation fails.
 *
 * <p><b>Metrics</b> (per user, then the mean over evaluated users; per-user values are kept aligned
 * with the evaluated users in increasing id), with R the relevant items and hits@k those in the top k:
 * {@code ndcg@k} (log2 discount, ideal DCG over min(k, R) ranks), {@code recall@k = hits/R},
 * {@code truncated-recall@k = hits/min(k, R)} (Liang et al. 2018), {@code precision@k = hits/k}
 * (divided by k even when fewer than k items can be ranked, e.g. k larger than the catalogue),
 * {@code map@k} (average precision truncated at k, normalised by min(k, R)), {@code mrr@k},
 * {@code hit@k}, {@code f1@k} (0 when precision and recall are 0) — see {@link CutoffMetrics} — and
 * {@code auc}: the fraction of (relevant, non-relevant non-excluded) pairs ordered correctly by the
 * scores, ties counting 1/2, NaN counting as {@code -Infinity}, 0.5 for a user with no non-relevant
 * candidate. AUC needs the whole row; it is computed when parameter {@code auc} is true, or when it is
 * absent and the catalogue has at most 100,000 items.
 *
 * <p><b>Sampled negatives</b> (only when parameter {@code negatives} is above 0, never by default):
 * each relevant item is ranked against its own {@code negatives} items sampled from the items the
 * user has not interacted with, and its metrics are averaged over the user's relevant items; see
 * {@link SampledMetrics}. The result's protocol then starts with "sampled: N negatives per positive".
 */
@Component(service = Evaluator.class)
public final class RankingMetricsEvaluator implements Evaluator {

    /** The plugin id. */
    public static final String ID = "ranking-metrics";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.EVALUATOR,
            "Ranking metrics (full ranking)",
            "NDCG, Recall, truncated Recall, Precision, MAP, MRR, HitRate and F1 at each cut-off, and AUC, ranking "
                    + "all items not in the user's training (or fold-in) data, averaged over users with test items. "
                    + "A sampled-negatives protocol only when asked for.",
            null,
            ParamSchema.of(
                    ParamSpec.intListParam("ks").defaultValue(List.of(10, 20)).min(1)
                            .help("Cut-offs k of the top-k lists, such as [5, 10, 20]; each gives ndcg@k, recall@k, "
                                    + "truncated-recall@k, precision@k, map@k, mrr@k, hit@k and f1@k. precision@k divides "
                                    + "by k even when fewer than k items can be ranked.").build(),
                    ParamSpec.intParam("negatives").defaultValue(0).range(0, 1_000_000)
                            .help("0 (default): full ranking of all items. N > 0: rank each test item against N "
                                    + "items sampled from those the user has not interacted with (seeded), a "
                                    + "protocol named in the result.").build(),
                    ParamSpec.booleanParam("auc")
                            .help("Compute the per-user AUC of the whole ranking. Absent: computed when the "
                                    + "catalogue has at most 100000 items.").build(),
                    ParamSpec.intParam("threads").defaultValue(0).range(0, 4096)
                            .help("Worker threads; 0 (default) uses every available processor. Results do not "
                                    + "depend on it.").build(),
                    ParamSpec.intParam("batchSize").defaultValue(0).range(0, 1_000_000)
                            .help("Users scored per model call; 0 (default) chooses clamp(free heap * 0.25 / "
                                    + "(items * 4 B * threads), 1, 4096). Results do not depend on it.").build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Ranks the items for every user with relevant test items and averages the metrics.
     *
     * @param input  train, test, the model, and fold-in data for strong generalization (or null)
     * @param params validated parameters ({@code ks}, {@code negatives}, {@code auc}, {@code threads},
     *               {@code batchSize})
     * @param ctx    the run context: progress per batch, cancellation, log lines with the user counts
     *               and the batch plan, the seed of sampled negatives
     * @return every metric at every k, "auc" when computed and "users", with per-user values
     * @throws IllegalArgumentException if there is no model, the model scores another number of items,
     *                                  fold-in data is given to a model that cannot score histories, or
     *                                  no user has a relevant test item
     */
    @Override
    public EvaluationResult evaluate(EvaluationInput input, Params params, RunContext ctx) {
        return evaluateWithStats(input, params, ctx).result();
    }

    /** A result with the engine's batch plan and timings, for benchmarks. */
    record Outcome(EvaluationResult result, RankingStats stats) {
    }

    /**
     * Evaluates as {@link #evaluate} does and also returns the engine's statistics.
     *
     * @param input  what to evaluate
     * @param params validated parameters
     * @param ctx    the run context
     * @return the result and the statistics
     */
    Outcome evaluateWithStats(EvaluationInput input, Params params, RunContext ctx) {
        Model model = input.requireModel(ID);
        int n = input.train().numItems();
        if (model.numItems() != n) {
            throw new IllegalArgumentException("evaluator '" + ID + "': the model scores " + model.numItems()
                    + " items but the data has " + n + "; fit the model on this training data");
        }
        RankingSettings settings = RankingSettings.of(params, n);
        boolean strong = input.foldIn() != null;
        Dataset seen = strong ? input.foldIn() : input.train();
        RelevantItems relevant = RelevantItems.of(seen, input.test());
        int[] users = relevant.users();
        if (users.length == 0) {
            throw new IllegalArgumentException("evaluator '" + ID + "': no user of test data '" + input.test().name()
                    + "' has a test item outside their " + (strong ? "fold-in" : "training") + " items; nothing "
                    + "to evaluate");
        }
        CutoffMetrics cutoffs = new CutoffMetrics(settings.cutoffs());
        MetricTable table = new MetricTable(settings.cutoffs(), users.length, settings.auc());
        AtomicInteger shortUsers = new AtomicInteger();
        Supplier<RowConsumer> consumers = settings.negatives() > 0
                ? sampled(table, relevant, cutoffs, settings.negatives(), ctx.random("negatives").nextLong(), shortUsers, n)
                : () -> new FullRankingMetrics(table, relevant, cutoffs, n);
        RankingStats stats = RankingEngine.builder(model).exclude(seen).histories(strong ? seen : null)
                .topK(settings.negatives() > 0 ? 0 : settings.maxK()).threads(settings.threads())
                .batchRows(settings.batchSize()).label("evaluator '" + ID + "'").build()
                .run(users, consumers, ctx);
        ctx.progress(1.0, "evaluated " + users.length + " users");
        log(ctx, input, relevant, settings, stats, shortUsers.get());
        return new Outcome(new EvaluationResult(protocol(settings, strong), table.means(), users, table.perUser()),
                stats);
    }

    private static Supplier<RowConsumer> sampled(MetricTable table, RelevantItems relevant, CutoffMetrics cutoffs,
                                                 int negatives, long seed, AtomicInteger shortUsers, int n) {
        return () -> new SampledMetrics(table, relevant, cutoffs, negatives, seed, shortUsers, n);
    }

    private static void log(RunContext ctx, EvaluationInput input, RelevantItems relevant, RankingSettings s,
                            RankingStats stats, int shortUsers) {
        int evaluated = relevant.users().length;
        int allExcluded = relevant.usersWithTestItems() - evaluated;
        int noTest = input.test().numUsers() - relevant.usersWithTestItems();
        ctx.log(System.Logger.Level.INFO, "evaluator '" + ID + "': evaluated " + evaluated + " of "
                + input.test().numUsers() + " users; skipped " + noTest + " without test items and " + allExcluded
                + " whose test items are all excluded; auc " + (s.auc() ? "computed" : "not computed")
                + "; scoring " + stats.scoreNanos() / 1_000_000 + " ms, ranking and metrics "
                + stats.rankNanos() / 1_000_000 + " ms (summed over " + stats.threads() + " threads), wall "
                + stats.wallNanos() / 1_000_000 + " ms");
        if (shortUsers > 0) {
            ctx.log(System.Logger.Level.WARNING, "evaluator '" + ID + "': " + shortUsers + " users have fewer than "
                    + s.negatives() + " items they have not interacted with; their positives were ranked against "
                    + "all of those");
        }
    }

    /**
     * The protocol named in results: full ranking or sampled, what is excluded, which users.
     *
     * @param s      the settings
     * @param strong whether fold-in data was given (strong generalization)
     * @return the protocol text
     */
    static String protocol(RankingSettings s, boolean strong) {
        String ranking = s.negatives() > 0
                ? "sampled: " + s.negatives() + " negatives per positive, drawn uniformly without replacement from "
                        + "the items the user has not interacted with (seeded stream 'negatives')"
                : "full ranking of all items";
        String excluded = strong
                ? "excluded: each user's fold-in items (strong generalization: users scored from their fold-in "
                        + "histories)"
                : "excluded: each user's train items";
        return ranking + "; " + excluded + "; users: those with at least one test item not excluded; binary "
                + "relevance; ties to the lower item id";
    }
}
