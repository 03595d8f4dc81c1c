package org.surrogate.bundles.rankingmetrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.testkit.RecordingRunContext;

/** Full-ranking metrics against hand-computed values. */
class RankingMetricsEvaluatorTest {

    private static final double EPS = 1e-12;
    /** 1 / log2(r + 1) for r = 1..5. */
    private static final double D1 = 1;
    private static final double D2 = 1 / (Math.log(3) / Math.log(2)); // 0.6309297535714575
    private static final double D4 = 1 / (Math.log(5) / Math.log(2)); // 0.43067655807339306

    static final String FULL = "full ranking of all items; excluded: each user's train items; users: those with at "
            + "least one test item not excluded; binary relevance; ties to the lower item id";

    private final RankingMetricsEvaluator evaluator = new RankingMetricsEvaluator();

    static Params params(Object... keyValues) {
        Map<String, Object> raw = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put((String) keyValues[i], keyValues[i + 1]);
        }
        return RankingMetricsEvaluator.DESCRIPTOR.params().validate(raw, "");
    }

    private EvaluationResult evaluate(Dataset train, Dataset test, Model model, Params params) {
        return evaluator.evaluate(new EvaluationInput(train, test, model), params, new RecordingRunContext(1));
    }

    @Test
    void descriptorDeclaresIdKindAndDefaults() {
        assertEquals("ranking-metrics", evaluator.descriptor().id());
        assertEquals(PluginKind.EVALUATOR, evaluator.descriptor().kind());
        Params defaults = RankingMetricsEvaluator.DESCRIPTOR.params().defaults();
        assertEquals(Map.of("ks", List.of(10, 20), "negatives", 0, "threads", 0, "batchSize", 0), defaults.asMap());
        assertFalse(defaults.has("auc"));
    }

    /**
     * One user, six items, no train item. Scores [0.3, 0.9, 0.1, 0.5, 0.7, 0.2] rank the items
     * 1 (r1), 4 (r2), 3 (r3), 0 (r4), 5 (r5), 2 (r6). Relevant (test) items 4 and 0: ranks 2 and 4,
     * R = 2. IDCG over min(k, 2) ranks: k=1: 1; k>=2: 1 + 1/log2(3) = 1.6309297535714575.
     */
    @Test
    void matchesHandComputedMetricsOfOneUserAndSixItems() {
        Dataset train = Dataset.builder("train", 1, 6).build();
        Dataset test = Dataset.builder("test", 1, 6).add(0, 4, 1f).add(0, 0, 1f).build();
        Model model = new TableModel(new float[] {0.3f, 0.9f, 0.1f, 0.5f, 0.7f, 0.2f});
        Map<String, Double> m = evaluate(train, test, model, params("ks", List.of(1, 3, 6, 10))).metrics();
        double idcg2 = D1 + D2;
        // k=1: top [1], no hit: every metric 0.
        for (String name : List.of("ndcg", "recall", "truncated-recall", "precision", "map", "mrr", "hit", "f1")) {
            assertEquals(0.0, m.get(name + "@1"), EPS, name + "@1");
        }
        // k=3: top [1, 4, 3], one hit at rank 2.
        assertEquals(D2 / idcg2, m.get("ndcg@3"), EPS);             // 0.6309 / 1.6309 = 0.38685
        assertEquals(0.38685280723454163, m.get("ndcg@3"), EPS);
        assertEquals(0.5, m.get("recall@3"), EPS);                   // 1 / R
        assertEquals(0.5, m.get("truncated-recall@3"), EPS);         // 1 / min(3, 2)
        assertEquals(1.0 / 3, m.get("precision@3"), EPS);            // 1 / 3
        assertEquals(0.25, m.get("map@3"), EPS);                     // (1/2) / min(3, 2)
        assertEquals(0.5, m.get("mrr@3"), EPS);                      // first hit at rank 2
        assertEquals(1.0, m.get("hit@3"), EPS);
        assertEquals(0.4, m.get("f1@3"), EPS);                       // 2 (1/3)(1/2) / (1/3 + 1/2) = (1/3) / (5/6)
        // k=6 (the whole catalogue): hits at ranks 2 and 4.
        assertEquals((D2 + D4) / idcg2, m.get("ndcg@6"), EPS);       // 1.06161 / 1.63093 = 0.65092
        assertEquals(0.6509209298071326, m.get("ndcg@6"), EPS);
        assertEquals(1.0, m.get("recall@6"), EPS);
        assertEquals(1.0, m.get("truncated-recall@6"), EPS);         // 2 / min(6, 2)
        assertEquals(1.0 / 3, m.get("precision@6"), EPS);            // 2 / 6
        assertEquals(0.5, m.get("map@6"), EPS);                      // (1/2 + 2/4) / 2
        assertEquals(0.5, m.get("mrr@6"), EPS);
        assertEquals(1.0, m.get("hit@6"), EPS);
        assertEquals(0.5, m.get("f1@6"), EPS);                       // 2 (1/3)(1) / (4/3)
        // k=10 > 6 items: the same two hits; precision still divides by k = 10.
        assertEquals(0.6509209298071326, m.get("ndcg@10"), EPS);     // IDCG still over min(10, 2) = 2 ranks
        assertEquals(1.0, m.get("recall@10"), EPS);
        assertEquals(1.0, m.get("truncated-recall@10"), EPS);
        assertEquals(0.2, m.get("precision@10"), EPS);               // 2 / 10
        assertEquals(0.5, m.get("map@10"), EPS);
        assertEquals(0.5, m.get("mrr@10"), EPS);
        assertEquals(1.0, m.get("hit@10"), EPS);
        assertEquals(1.0 / 3, m.get("f1@10"), EPS);                  // 2 (0.2)(1) / 1.2
        // AUC: item 4 (0.7) beats 3, 5, 2 but not 1: 3 of 4; item 0 (0.3) beats 5, 2: 2 of 4. (3 + 2) / 8.
        assertEquals(0.625, m.get("auc"), EPS);
        assertEquals(1.0, m.get("users"), EPS);
    }

    @Test
    void namesMetricsInAFixedOrderWithPerUserValuesAligned() {
        Dataset train = Dataset.builder("train", 1, 3).build();
        Dataset test = Dataset.builder("test", 1, 3).add(0, 0, 1f).build();
        EvaluationResult r = evaluate(train, test, new TableModel(new float[] {1f, 0f, 0f}),
                params("ks", List.of(2, 1, 2)));
        assertEquals(FULL, r.protocol());
        assertEquals(List.of("ndcg@1", "ndcg@2", "recall@1", "recall@2", "truncated-recall@1", "truncated-recall@2",
                "precision@1", "precision@2", "map@1", "map@2", "mrr@1", "mrr@2", "hit@1", "hit@2", "f1@1", "f1@2",
                "auc", "users"), List.copyOf(r.metrics().keySet()));
        assertEquals(List.of("ndcg@1", "ndcg@2", "recall@1", "recall@2", "truncated-recall@1", "truncated-recall@2",
                "precision@1", "precision@2", "map@1", "map@2", "mrr@1", "mrr@2", "hit@1", "hit@2", "f1@1", "f1@2",
                "auc"), List.copyOf(r.perUser().keySet()));
        assertArrayEquals(new int[] {0}, r.users());
    }

    /**
     * Ties: TopK ranks equal scores by lower item id. Scores [0.5, 0.9, 0.5, 0.5]: ranking 1, 0, 2, 3.
     * The relevant item 3 is fourth although its score equals those of items 0 and 2.
     */
    @Test
    void breaksScoreTiesByLowerItemId() {
        Dataset train = Dataset.builder("train", 1, 4).build();
        Dataset test = Dataset.builder("test", 1, 4).add(0, 3, 1f).build();
        Map<String, Double> m = evaluate(train, test, new TableModel(new float[] {0.5f, 0.9f, 0.5f, 0.5f}),
                params("ks", List.of(3, 4))).metrics();
        assertEquals(0.0, m.get("hit@3"), EPS);
        assertEquals(D4, m.get("ndcg@4"), EPS);                     // 1/log2(5) over an IDCG of 1
        assertEquals(0.25, m.get("mrr@4"), EPS);
        // AUC: item 3 vs 1 (0.9): 0; vs 0 (tie): 1/2; vs 2 (tie): 1/2. (0 + 0.5 + 0.5) / 3.
        assertEquals(1.0 / 3, m.get("auc"), EPS);
    }

    /**
     * Train item 2 has the top score and is also a test item. It is excluded and not relevant: the
     * ranking is 1 (0.7), 0 (0.5), 3 (0.1); R = {0}, hit at rank 2.
     */
    @Test
    void excludesTrainItemsEvenWithTheTopScore() {
        Dataset train = Dataset.builder("train", 1, 4).add(0, 2, 1f).build();
        Dataset test = Dataset.builder("test", 1, 4).add(0, 2, 1f).add(0, 0, 1f).build();
        Map<String, Double> m = evaluate(train, test, new TableModel(new float[] {0.5f, 0.7f, 1.0f, 0.1f}),
                params("ks", List.of(1, 2))).metrics();
        assertEquals(0.0, m.get("hit@1"), EPS);                     // item 2 would be a hit at rank 1
        assertEquals(1.0, m.get("recall@2"), EPS);                  // 1 / |{0}|, not 1 / 2
        assertEquals(D2, m.get("ndcg@2"), EPS);                     // 1/log2(3) over an IDCG of 1
        assertEquals(0.5, m.get("auc"), EPS);                       // item 0 beats 3, loses to 1; item 2 not a pair
    }

    /**
     * AUC with an excluded item and a tie. Scores [0.8, 0.4, 0.4, 0.1, 0.9], train item 4, relevant
     * items 1 and 3; non-relevant candidates 0 (0.8) and 2 (0.4). Item 1: vs 0 loses, vs 2 ties (1/2);
     * item 3: loses both. AUC = 0.5 / (2 * 2) = 0.125. Item 4 (0.9, excluded) forms no pair.
     */
    @Test
    void computesAucOverNonExcludedPairsWithTiesAsHalf() {
        Dataset train = Dataset.builder("train", 1, 5).add(0, 4, 1f).build();
        Dataset test = Dataset.builder("test", 1, 5).add(0, 1, 1f).add(0, 3, 1f).build();
        Map<String, Double> m = evaluate(train, test, new TableModel(new float[] {0.8f, 0.4f, 0.4f, 0.1f, 0.9f}),
                params("ks", List.of(1))).metrics();
        assertEquals(0.125, m.get("auc"), EPS);
    }

    @Test
    void countsNanScoresAsTheLowestInAuc() {
        // Item 1 (relevant, 0.2) vs 0 (NaN = -Infinity): correct; vs 2 (0.6): wrong. AUC 1/2.
        Dataset train = Dataset.builder("train", 1, 3).build();
        Dataset test = Dataset.builder("test", 1, 3).add(0, 1, 1f).build();
        Map<String, Double> m = evaluate(train, test, new TableModel(new float[] {Float.NaN, 0.2f, 0.6f}),
                params("ks", List.of(3))).metrics();
        assertEquals(0.5, m.get("auc"), EPS);
        assertEquals(D2, m.get("ndcg@3"), EPS);                     // NaN is never ranked: item 1 is second
    }

    @Test
    void givesAucOneHalfWhenEveryCandidateIsRelevant() {
        // Item 0 trained; items 1 and 2 both relevant: no non-relevant candidate, no pair to order.
        Dataset train = Dataset.builder("train", 1, 3).add(0, 0, 1f).build();
        Dataset test = Dataset.builder("test", 1, 3).add(0, 1, 1f).add(0, 2, 1f).build();
        Map<String, Double> m = evaluate(train, test, new TableModel(new float[] {3f, 1f, 2f}),
                params("ks", List.of(50))).metrics();
        assertEquals(0.5, m.get("auc"), EPS);
        assertEquals(1.0, m.get("ndcg@50"), EPS);
        assertEquals(2.0 / 50, m.get("precision@50"), EPS);
    }

    /**
     * User 1 has no test item, user 2's only test item is a train item: both skipped. User 0 ranks its
     * item 1 first (recall@1 = 1), user 3 ranks item 1 first but wants item 2 (0).
     */
    @Test
    void skipsUsersWithoutRelevantTestItemsAndCountsThem() {
        Dataset train = Dataset.builder("train", 4, 3).add(1, 0, 1f).add(2, 0, 1f).build();
        Dataset test = Dataset.builder("test", 4, 3).add(0, 1, 1f).add(2, 0, 1f).add(3, 2, 1f).build();
        float[] row = {0f, 1f, 0.5f};
        TableModel model = new TableModel(row, row, row, row);
        RecordingRunContext ctx = new RecordingRunContext(1);
        EvaluationResult r = evaluator.evaluate(new EvaluationInput(train, test, model), params("ks", List.of(1)), ctx);
        assertArrayEquals(new int[] {0, 3}, r.users());
        assertArrayEquals(new double[] {1, 0}, r.perUser().get("recall@1"), EPS);
        assertEquals(0.5, r.metrics().get("recall@1"), EPS);
        assertEquals(2.0, r.metrics().get("users"), EPS);
        assertEquals(2, model.batches.stream().mapToInt(Integer::intValue).sum()); // skipped users are not scored
        assertTrue(ctx.logs.stream().anyMatch(l -> l.startsWith("INFO evaluator 'ranking-metrics': evaluated 2 of 4 "
                + "users; skipped 1 without test items and 1 whose test items are all excluded; auc computed;")),
                ctx.logs.toString());
    }

    @Test
    void rejectsTestDataWithoutAnyRelevantItem() {
        Dataset train = Dataset.builder("train", 2, 3).add(0, 0, 1f).build();
        Dataset test = Dataset.builder("held-out", 2, 3).add(0, 0, 1f).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> evaluate(train, test, new TableModel(new float[3], new float[3]), params()));
        assertEquals("evaluator 'ranking-metrics': no user of test data 'held-out' has a test item outside their "
                + "training items; nothing to evaluate", e.getMessage());
    }

    @Test
    void rejectsAModelOfAnotherCatalogue() {
        Dataset d = Dataset.builder("d", 1, 3).add(0, 0, 1f).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> evaluate(d, d, new TableModel(new float[4]), params()));
        assertEquals("evaluator 'ranking-metrics': the model scores 4 items but the data has 3; fit the model on "
                + "this training data", e.getMessage());
    }

    @Test
    void rejectsInputWithoutAModel() {
        Dataset d = Dataset.builder("d", 1, 3).add(0, 0, 1f).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> evaluate(d, d, null, params()));
        assertEquals("evaluator 'ranking-metrics' needs a fitted model; none was given", e.getMessage());
    }
}
