package org.surrogate.bundles.commons.stats;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.surrogate.api.evaluation.EvaluationResult;

/** Per-user metric values of an evaluation, keyed by user id, for paired comparisons over users. */
public final class PerUser {

    private PerUser() {
    }

    /**
     * An evaluation's per-user values by metric, then by user id.
     *
     * @param r the evaluation result
     * @return for each metric (in the result's order) the value of each evaluated user
     */
    public static Map<String, Map<Integer, Double>> byUser(EvaluationResult r) {
        Map<String, Map<Integer, Double>> out = new LinkedHashMap<>();
        int[] users = r.users();
        r.perUser().forEach((metric, values) -> {
            Map<Integer, Double> byUser = new HashMap<>();
            for (int i = 0; i < values.length; i++) {
                byUser.put(users[i], values[i]);
            }
            out.put(metric, byUser);
        });
        return out;
    }
}
