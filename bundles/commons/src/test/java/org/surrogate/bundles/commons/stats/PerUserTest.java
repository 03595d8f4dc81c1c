package org.surrogate.bundles.commons.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.evaluation.EvaluationResult;

class PerUserTest {

    @Test
    void keysEachMetricsValuesByUserIdInTheResultsOrder() {
        Map<String, double[]> perUser = new LinkedHashMap<>();
        perUser.put("ndcg@10", new double[] {0.5, 0.25});
        perUser.put("auc", new double[] {0.9, 0.1});
        EvaluationResult r = new EvaluationResult("p", Map.of("ndcg@10", 0.375, "auc", 0.5), new int[] {7, 3}, perUser);
        Map<String, Map<Integer, Double>> byUser = PerUser.byUser(r);
        assertEquals(List.of("ndcg@10", "auc"), List.copyOf(byUser.keySet()));
        assertEquals(Map.of(7, 0.5, 3, 0.25), byUser.get("ndcg@10"));
        assertEquals(Map.of(7, 0.9, 3, 0.1), byUser.get("auc"));
    }
}
