package org.surrogate.bundles.rankingmetrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
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

class RankingMetricsEvaluatorTest {

    private static final double EPS = 1e-9;
    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    private final RankingMetricsEvaluator evaluator = new RankingMetricsEvaluator();

    private static Params ks(Integer... ks) {
        return RankingMetricsEvaluator.DESCRIPTOR.params().validate(Map.of("ks", List.of(ks)), "");
    }

    /** A model with a fixed score row per user; records the batch sizes it was asked for. */
    private static final class TableModel implements Model {
        final float[][] rows;
        final List<Integer> batches = new ArrayList<>();

        TableModel(float[]... rows) {
            this.rows = rows;
        }

        @Override
        public int numItems() {
            return rows[0].length;
        }

        @Override
        public void score(int[] users, float[] out) {
            batches.add(users.length);
            for (int k = 0; k < users.length; k++) {
                System.arraycopy(rows[users[k]], 0, out, k * numItems(), numItems());
            }
        }
    }

    private EvaluationResult evaluate(Dataset train, Dataset test, Model model, Params params) {
        return evaluator.evaluate(new EvaluationInput(train, test, model), params, new RecordingRunContext(1));
    }

    @Test
    void descriptorDeclaresIdKindAndDefaults() {
        assertEquals("ranking-metrics", evaluator.descriptor().id());
        assertEquals(PluginKind.EVALUATOR, evaluator.descriptor().kind());
        assertEquals(List.of(10, 20), RankingMetricsEvaluator.DESCRIPTOR.params().defaults().getIntList("ks"));
    }

    @Test
    void matchesAHandComputedRankingOfOneUserAndFiveItems() {
        // Train: item 4. Test: items 1 and 3. Scores [0.9, 0.8, 0.1, 0.7, 1.0]: item 4 would rank first
        // but is a train item, so the ranking is 0, 1, 3, 2 (4 candidates; item 1 at rank 2, item 3 at 3).
        // IDCG (2 relevant) = 1 + 1/log2(3) = 1.63093.
        // k=1:  [0]          hits 0: ndcg 0, recall 0, precision 0
        // k=2:  [0, 1]       hits 1: ndcg (1/log2 3) / 1.63093 = 0.38685, recall 1/2, precision 1/2
        // k=3:  [0, 1, 3]    hits 2: ndcg (1/log2 3 + 1/2) / 1.63093 = 0.69342, recall 1, precision 2/3
        // k=10: same 4 items hits 2: ndcg 0.69342, recall 1, precision 2/10 (k, not the 4 ranked)
        Dataset train = Dataset.builder("train", 1, 5).add(0, 4, 1f).build();
        Dataset test = Dataset.builder("test", 1, 5).add(0, 1, 1f).add(0, 3, 1f).build();
        Model model = new TableModel(new float[] {0.9f, 0.8f, 0.1f, 0.7f, 1.0f});
        EvaluationResult r = evaluate(train, test, model, ks(1, 2, 3, 10));
        double idcg = 1 + 1 / LOG2_3;
        assertEquals(RankingMetricsEvaluator.PROTOCOL, r.protocol());
        assertEquals(List.of("ndcg@1", "ndcg@2", "ndcg@3", "ndcg@10", "recall@1", "recall@2", "recall@3",
                "recall@10", "precision@1", "precision@2", "precision@3", "precision@10"), List.copyOf(r.metrics().keySet()));
        assertEquals(0.0, r.metrics().get("ndcg@1"), EPS);
        assertEquals((1 / LOG2_3) / idcg, r.metrics().get("ndcg@2"), EPS);
        assertEquals(0.38685280723454163, r.metrics().get("ndcg@2"), 1e-12);
        assertEquals((1 / LOG2_3 + 0.5) / idcg, r.metrics().get("ndcg@3"), EPS);
        assertEquals(0.6934264036172708, r.metrics().get("ndcg@10"), 1e-12);
        assertEquals(0.0, r.metrics().get("recall@1"), EPS);
        assertEquals(0.5, r.metrics().get("recall@2"), EPS);
        assertEquals(1.0, r.metrics().get("recall@3"), EPS);
        assertEquals(1.0, r.metrics().get("recall@10"), EPS);
        assertEquals(0.0, r.metrics().get("precision@1"), EPS);
        assertEquals(0.5, r.metrics().get("precision@2"), EPS);
        assertEquals(2.0 / 3, r.metrics().get("precision@3"), EPS);
        assertEquals(0.2, r.metrics().get("precision@10"), EPS);
        assertArrayEquals(new double[] {0.2}, r.perUser().get("precision@10"), EPS);
    }

    @Test
    void tiesGoToTheLowerItemId() {
        // All five scores equal: the ranking is 0, 1, 2, 3, 4 and the relevant item 2 is third.
        Dataset train = Dataset.builder("train", 1, 5).build();
        Dataset test = Dataset.builder("test", 1, 5).add(0, 2, 1f).build();
        EvaluationResult r = evaluate(train, test, new TableModel(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f}),
                ks(2, 3));
        assertEquals(0.0, r.metrics().get("ndcg@2"), EPS);
        assertEquals(0.5, r.metrics().get("ndcg@3"), EPS); // 1/log2(4) over an IDCG of 1
        assertEquals(1.0, r.metrics().get("recall@3"), EPS);
        assertEquals(1.0 / 3, r.metrics().get("precision@3"), EPS);
    }

    @Test
    void cutOffsBeyondTheCatalogueRankEveryCandidate() {
        // 3 items, item 0 trained: 2 candidates, both relevant. At k=50 both are hit at ranks 1 and 2,
        // so NDCG and recall are 1 while precision is 2/50.
        Dataset train = Dataset.builder("train", 1, 3).add(0, 0, 1f).build();
        Dataset test = Dataset.builder("test", 1, 3).add(0, 1, 1f).add(0, 2, 1f).build();
        EvaluationResult r = evaluate(train, test, new TableModel(new float[] {3f, 1f, 2f}), ks(50));
        assertEquals(1.0, r.metrics().get("ndcg@50"), EPS);
        assertEquals(1.0, r.metrics().get("recall@50"), EPS);
        assertEquals(2.0 / 50, r.metrics().get("precision@50"), EPS);
    }

    @Test
    void skipsUsersWithoutTestItems() {
        // User 1 has no test item; user 2's only test item is also a train item. Users 0 and 3 remain:
        // user 0 ranks its item 1 first (recall@1 = 1), user 3 ranks item 1 first but wants 2 (0).
        Dataset train = Dataset.builder("train", 4, 3).add(1, 0, 1f).add(2, 0, 1f).build();
        Dataset test = Dataset.builder("test", 4, 3).add(0, 1, 1f).add(2, 0, 1f).add(3, 2, 1f).build();
        float[] row = {0f, 1f, 0.5f};
        TableModel model = new TableModel(row, row, row, row);
        EvaluationResult r = evaluate(train, test, model, ks(1));
        assertArrayEquals(new double[] {1, 0}, r.perUser().get("recall@1"), EPS);
        assertEquals(0.5, r.metrics().get("recall@1"), EPS);
        assertEquals(List.of(2), model.batches);
    }

    @Test
    void scoresUsersInBatches() {
        // 600 users; user u's best item is u % 7, which is also its one test item: every metric at 1
        // is 1, and the model sees batches of 256, 256 and 88.
        int users = 600;
        float[][] rows = new float[users][7];
        var test = Dataset.builder("test", users, 7);
        for (int u = 0; u < users; u++) {
            rows[u][u % 7] = 1f;
            test.add(u, u % 7, 1f);
        }
        TableModel model = new TableModel(rows);
        EvaluationResult r = evaluate(Dataset.builder("train", users, 7).build(), test.build(), model, ks(1));
        assertEquals(1.0, r.metrics().get("ndcg@1"), EPS);
        assertEquals(users, r.perUser().get("ndcg@1").length);
        assertEquals(List.of(256, 256, 88), model.batches);
    }

    @Test
    void duplicateCutOffsGiveOneMetricEach() {
        Dataset train = Dataset.builder("train", 1, 3).build();
        Dataset test = Dataset.builder("test", 1, 3).add(0, 0, 1f).build();
        EvaluationResult r = evaluate(train, test, new TableModel(new float[] {1f, 0f, 0f}), ks(2, 1, 2));
        assertEquals(List.of("ndcg@1", "ndcg@2", "recall@1", "recall@2", "precision@1", "precision@2"),
                List.copyOf(r.metrics().keySet()));
    }

    @Test
    void rejectsAnEmptyListOfCutOffs() {
        Dataset d = Dataset.builder("d", 1, 3).add(0, 0, 1f).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> evaluate(d, d, new TableModel(new float[3]), ks()));
        assertEquals("evaluator 'ranking-metrics': ks must list at least one cut-off, found []; use for example "
                + "[10, 20]", e.getMessage());
    }

    @Test
    void rejectsTestDataWithoutAnyRelevantItem() {
        Dataset train = Dataset.builder("train", 2, 3).add(0, 0, 1f).build();
        Dataset test = Dataset.builder("held-out", 2, 3).add(0, 0, 1f).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> evaluate(train, test, new TableModel(new float[3], new float[3]), ks(10)));
        assertEquals("evaluator 'ranking-metrics': no user of test data 'held-out' has a test item outside their "
                + "training items; nothing to evaluate", e.getMessage());
    }

    @Test
    void rejectsAModelOfAnotherCatalogue() {
        Dataset d = Dataset.builder("d", 1, 3).add(0, 0, 1f).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> evaluate(d, d, new TableModel(new float[4]), ks(10)));
        assertEquals("evaluator 'ranking-metrics': the model scores 4 items but the data has 3; fit the model on "
                + "this training data", e.getMessage());
    }

    @Test
    void rejectsInputWithoutAModel() {
        Dataset d = Dataset.builder("d", 1, 3).add(0, 0, 1f).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> evaluate(d, d, null, ks(10)));
        assertEquals("evaluator 'ranking-metrics' needs a fitted model; none was given", e.getMessage());
    }
}
