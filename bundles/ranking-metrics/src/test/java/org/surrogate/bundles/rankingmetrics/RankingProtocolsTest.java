package org.surrogate.bundles.rankingmetrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.surrogate.bundles.rankingmetrics.RankingMetricsEvaluatorTest.params;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.run.TrialCancelledException;
import org.surrogate.testkit.LatentData;
import org.surrogate.testkit.RecordingRunContext;

/** Fold-in, sampled negatives, threads and batches, parameters. */
class RankingProtocolsTest {

    private static final double EPS = 1e-12;

    private final RankingMetricsEvaluator evaluator = new RankingMetricsEvaluator();

    private EvaluationResult evaluate(EvaluationInput input, Params params, long seed) {
        return evaluator.evaluate(input, params, new RecordingRunContext(seed));
    }

    /** Scores histories only: the row [0.9, 0.8, 0.1, 0.5] whatever the history; records them. */
    private static final class HistoryModel implements Model {
        final List<int[]> histories = new ArrayList<>();

        @Override
        public int numItems() {
            return 4;
        }

        @Override
        public void score(int[] users, float[] out) {
            throw new AssertionError("fold-in evaluation must score histories, not users");
        }

        @Override
        public synchronized void scoreHistories(int[][] batch, float[] out) {
            histories.addAll(List.of(batch));
            for (int k = 0; k < batch.length; k++) {
                System.arraycopy(new float[] {0.9f, 0.8f, 0.1f, 0.5f}, 0, out, 4 * k, 4);
            }
        }
    }

    /**
     * Strong generalization. Train: user 0 has item 1; fold-in: item 0; test: items 1 and 2. Only the
     * fold-in item 0 is excluded, so the ranking is 1 (r1), 3 (r2), 2 (r3) and both test items are
     * relevant, at ranks 1 and 3. Had train been excluded, item 1 could not be a hit.
     */
    @Test
    void foldInExcludesFoldInItemsNotTrainItems() {
        Dataset train = Dataset.builder("train", 1, 4).add(0, 1, 1f).build();
        Dataset foldIn = Dataset.builder("fold-in", 1, 4).add(0, 0, 1f).build();
        Dataset test = Dataset.builder("test", 1, 4).add(0, 1, 1f).add(0, 2, 1f).build();
        HistoryModel model = new HistoryModel();
        EvaluationResult r = evaluate(new EvaluationInput(train, test, model, foldIn), params("ks", List.of(1, 3)), 1);
        assertEquals("full ranking of all items; excluded: each user's fold-in items (strong generalization: users "
                + "scored from their fold-in histories); users: those with at least one test item not excluded; "
                + "binary relevance; ties to the lower item id", r.protocol());
        assertArrayEquals(new int[] {0}, model.histories.get(0));
        assertEquals(0.5, r.metrics().get("recall@1"), EPS);          // 1 of R = 2
        assertEquals(1.0, r.metrics().get("hit@1"), EPS);
        // DCG 1 + 1/log2(4) = 1.5 over IDCG 1 + 1/log2(3) = 1.63093.
        assertEquals(1.5 / (1 + Math.log(2) / Math.log(3)), r.metrics().get("ndcg@3"), EPS);
        assertEquals(0.5, r.metrics().get("auc"), EPS);               // item 1 beats 3, item 2 loses to 3
    }

    @Test
    void rejectsFoldInForAModelThatScoresKnownUsersOnly() {
        Dataset train = Dataset.builder("train", 1, 3).build();
        Dataset foldIn = Dataset.builder("fold-in", 1, 3).add(0, 0, 1f).build();
        Dataset test = Dataset.builder("test", 1, 3).add(0, 1, 1f).build();
        EvaluationInput input = new EvaluationInput(train, test, new TableModel(new float[3]), foldIn);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> evaluate(input, params(), 1));
        assertEquals("evaluator 'ranking-metrics': the users are scored from their histories (dataset 'fold-in', "
                + "strong generalization) but the model cannot score histories: " + TableModel.class.getName()
                + " scores known users only, not histories; use a model that implements Model.scoreHistories, or a "
                + "split without fold-in", e.getMessage());
    }

    /**
     * Sampled negatives by hand: 6 items, scores [0.3, 0.9, 0.1, 0.5, 0.7, 0.2], positives 4 and 0, 10
     * negatives asked but only 4 non-interacted items (1, 2, 3, 5), so each positive meets all of them
     * whatever the seed. Item 4 (0.7): only item 1 above, rank 2. Item 0 (0.3): items 1 and 3 above,
     * rank 3. Each metric is the mean over the two positives.
     */
    @Test
    void sampledNegativesMatchHandComputedRanks() {
        Dataset train = Dataset.builder("train", 1, 6).build();
        Dataset test = Dataset.builder("test", 1, 6).add(0, 4, 1f).add(0, 0, 1f).build();
        RecordingRunContext ctx = new RecordingRunContext(5);
        EvaluationResult r = evaluator.evaluate(new EvaluationInput(train, test,
                new TableModel(new float[] {0.3f, 0.9f, 0.1f, 0.5f, 0.7f, 0.2f})),
                params("ks", List.of(1, 3), "negatives", 10), ctx);
        Map<String, Double> m = r.metrics();
        assertEquals(0.0, m.get("hit@1"), EPS);
        assertEquals(1.0, m.get("hit@3"), EPS);
        assertEquals((1 / log2(3) + 1 / log2(4)) / 2, m.get("ndcg@3"), EPS);   // 0.56546
        assertEquals(1.0 / 3, m.get("precision@3"), EPS);                       // (1/3 + 1/3) / 2
        assertEquals(5.0 / 12, m.get("mrr@3"), EPS);                            // (1/2 + 1/3) / 2
        assertEquals(5.0 / 12, m.get("map@3"), EPS);                            // one relevant: 1 / rank
        assertEquals(0.5, m.get("f1@3"), EPS);                                  // 2 / (k + 1) per positive
        assertEquals(0.625, m.get("auc"), EPS);                                 // (3/4 + 2/4) / 2
        assertTrue(r.protocol().startsWith("sampled: 10 negatives per positive"), r.protocol());
        assertTrue(ctx.logs.contains("WARNING evaluator 'ranking-metrics': 1 users have fewer than 10 items they "
                + "have not interacted with; their positives were ranked against all of those"), ctx.logs.toString());
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static EvaluationInput latentInput(int users, int items, long seed) {
        LatentData data = new LatentData(users, items, 20, 5, 0.8, 2.0, seed);
        Random rng = new Random(seed);
        float[][] rows = new float[users][items];
        for (float[] row : rows) {
            for (int i = 0; i < items; i++) {
                row[i] = rng.nextInt(50) / 50f; // coarse scores: many ties
            }
        }
        return new EvaluationInput(data.train, data.test, new TableModel(rows));
    }

    @Test
    void sampledNegativesAreNamedAndDeterministicPerSeed() {
        EvaluationInput input = latentInput(120, 300, 3);
        Params p = params("negatives", 20, "threads", 1);
        EvaluationResult a = evaluate(input, p, 11);
        EvaluationResult b = evaluate(input, p, 11);
        EvaluationResult other = evaluate(input, p, 12);
        EvaluationResult threaded = evaluate(input, params("negatives", 20, "threads", 3, "batchSize", 7), 11);
        assertEquals("sampled: 20 negatives per positive, drawn uniformly without replacement from the items the user "
                + "has not interacted with (seeded stream 'negatives'); excluded: each user's train items; users: "
                + "those with at least one test item not excluded; binary relevance; ties to the lower item id",
                a.protocol());
        assertEquals(a.metrics(), b.metrics());
        assertEquals(a.metrics(), threaded.metrics());
        for (String name : a.perUser().keySet()) {
            assertArrayEquals(a.perUser().get(name), b.perUser().get(name), 0, name);
            assertArrayEquals(a.perUser().get(name), threaded.perUser().get(name), 0, name);
        }
        assertFalse(Arrays.equals(a.perUser().get("ndcg@10"), other.perUser().get("ndcg@10")));
    }

    @Test
    void fullRankingIsNeverSampledByDefault() {
        EvaluationResult r = evaluate(latentInput(30, 100, 4), params(), 1);
        assertEquals(RankingMetricsEvaluatorTest.FULL, r.protocol());
    }

    @Test
    void multiThreadedResultEqualsSingleThreadedExactly() {
        EvaluationInput input = latentInput(500, 400, 9);
        EvaluationResult one = evaluate(input, params("threads", 1, "batchSize", 500), 1);
        EvaluationResult many = evaluate(input, params("threads", 4, "batchSize", 13), 1);
        EvaluationResult auto = evaluate(input, params(), 1);
        assertEquals(one.metrics(), many.metrics());
        assertEquals(one.metrics(), auto.metrics());
        assertArrayEquals(one.users(), many.users());
        for (String name : one.perUser().keySet()) {
            assertArrayEquals(one.perUser().get(name), many.perUser().get(name), 0, name);
            assertArrayEquals(one.perUser().get(name), auto.perUser().get(name), 0, name);
        }
    }

    @Test
    void scoresUsersInBatchesOfTheGivenSize() {
        // 600 users, one thread, batches of 256: the model sees 256, 256 and 88 users.
        int users = 600;
        float[][] rows = new float[users][7];
        var test = Dataset.builder("test", users, 7);
        for (int u = 0; u < users; u++) {
            rows[u][u % 7] = 1f;
            test.add(u, u % 7, 1f);
        }
        TableModel model = new TableModel(rows);
        EvaluationResult r = evaluate(new EvaluationInput(Dataset.builder("train", users, 7).build(), test.build(),
                model), params("ks", List.of(1), "threads", 1, "batchSize", 256), 1);
        assertEquals(1.0, r.metrics().get("ndcg@1"), EPS);
        assertEquals(List.of(256, 256, 88), model.batches);
    }

    @Test
    void computesAucOnlyWhenAskedOrForCataloguesUpTo100kItems() {
        Dataset small = Dataset.builder("d", 1, 3).add(0, 0, 1f).build();
        EvaluationInput input = new EvaluationInput(Dataset.builder("t", 1, 3).build(), small,
                new TableModel(new float[3]));
        assertFalse(evaluate(input, params("auc", false), 1).metrics().containsKey("auc"));
        int big = RankingSettings.AUC_AUTO_MAX_ITEMS + 1;
        Dataset bigTest = Dataset.builder("d", 1, big).add(0, 0, 1f).build();
        EvaluationInput large = new EvaluationInput(Dataset.builder("t", 1, big).build(), bigTest,
                new TableModel(new float[big]));
        assertFalse(evaluate(large, params(), 1).metrics().containsKey("auc"));
        assertTrue(evaluate(large, params("auc", true), 1).metrics().containsKey("auc"));
    }

    @Test
    void stopsWhenCancelled() {
        RecordingRunContext ctx = new RecordingRunContext(1);
        ctx.cancelled = true;
        EvaluationInput input = latentInput(30, 100, 4);
        assertThrows(TrialCancelledException.class, () -> evaluator.evaluate(input, params(), ctx));
    }

    @Test
    void rejectsCutOffsBelowOneWithTheSchemaMessage() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> params("ks", List.of(0, 10)));
        assertEquals("ks: expected a non-empty list of integers >= 1, found [0, 10]", e.getMessage());
        e = assertThrows(InvalidParamsException.class, () -> params("ks", List.of()));
        assertEquals("ks: expected a non-empty list of integers >= 1, found []", e.getMessage());
        e = assertThrows(InvalidParamsException.class, () -> params("negatives", -1, "threads", 5000));
        assertEquals("negatives: expected an integer in [0, 1000000], found -1; threads: expected an integer in "
                + "[0, 4096], found 5000", e.getMessage());
    }

    @Test
    void rejectsCutOffsBelowOneFromJavaCallers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RankingSettings(List.of(10, -1), 0, true, 1, 0));
        assertEquals("evaluator 'ranking-metrics': ks must be a non-empty list of cut-offs >= 1, found [-1, 10]; use "
                + "for example [10, 20]", e.getMessage());
    }
}
