package org.surrogate.bundles.casr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.split.Split;
import org.surrogate.bundles.rankingmetrics.RankingMetricsEvaluator;
import org.surrogate.bundles.splitters.RandomHoldoutSplitter;
import org.surrogate.testkit.RecordingRunContext;

class NaisRecommenderTest {

    /** Two clusters of users and items: a user interacts with items of their own cluster only. */
    private static Dataset clusters() {
        Random rng = new Random(4);
        DatasetBuilder b = Dataset.builder("clusters", 200, 40);
        for (int u = 0; u < 200; u++) {
            int base = (u % 2) * 20;
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            while (seen.size() < 8) {
                seen.add(base + rng.nextInt(20));
            }
            for (int i : seen) {
                b.add(u, i, 1f);
            }
        }
        return b.build();
    }

    private static Params params(Map<String, ?> v) {
        return NaisRecommender.DESCRIPTOR.params().validate(v, "");
    }

    @Test
    void learnsClustersAndIsDeterministic() {
        Dataset data = clusters();
        Params p = params(Map.of("epochs", 10, "embeddingSize", 8, "attentionSize", 8, "learningRate", 0.1));
        Model a = new NaisRecommender().fit(data, p, new RecordingRunContext(1));
        Model b = new NaisRecommender().fit(data, p, new RecordingRunContext(1));
        float[] sa = new float[3 * 40];
        float[] sb = new float[3 * 40];
        a.score(new int[] {0, 1, 2}, sa);
        b.score(new int[] {0, 1, 2}, sb);
        assertArrayEquals(sa, sb, 0f);
        // user 0 (cluster 0): items 0..19 should outscore items 20..39 on average
        double in = 0;
        double out = 0;
        for (int i = 0; i < 20; i++) {
            in += sa[i];
            out += sa[20 + i];
        }
        assertTrue(in > out, "own cluster " + in + " vs other " + out);
        float[] byHistory = new float[40];
        a.scoreHistories(new int[][] {data.itemsOf(0)}, byHistory);
        assertArrayEquals(java.util.Arrays.copyOf(sa, 40), byHistory, 1e-6f);
    }

    @Test
    void beatsRandomOnHeldOutItems() {
        Dataset data = clusters();
        Split split = new RandomHoldoutSplitter().split(data, RandomHoldoutSplitter.DESCRIPTOR.params().defaults(),
                new RecordingRunContext(1)).get(0);
        Model m = new NaisRecommender().fit(split.train(), params(Map.of("epochs", 10, "embeddingSize", 8,
                "attentionSize", 8, "learningRate", 0.1)), new RecordingRunContext(2));
        Map<String, Double> r = new RankingMetricsEvaluator().evaluate(new EvaluationInput(split.train(), split.test(),
                m), RankingMetricsEvaluator.DESCRIPTOR.params().validate(Map.of("ks", List.of(10)), ""),
                new RecordingRunContext(1)).metrics();
        // Random over the ~32 unseen items: recall@10 about 10/32; clusters make 10 of 12 own-cluster items.
        assertTrue(r.get("recall@10") > 0.6, "recall@10 " + r.get("recall@10"));
    }

    @Test
    void rejectsBadParametersNamingTheField() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> params(Map.of("beta", 1.5, "negatives", 0)));
        assertEquals("beta: expected a number in [0, 1], found 1.5; negatives: expected an integer in [1, 100], found 0",
                e.getMessage());
    }
}
