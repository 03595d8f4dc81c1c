package org.surrogate.api.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Metrics computed by an evaluator, with the protocol that produced them and, where the metric is
 * an average over users, the per-user values (for confidence intervals and paired tests).
 *
 * @param protocol how the metrics were computed, such as "full ranking, train items excluded"
 * @param metrics  the metric values by name, such as "ndcg@10"
 * @param perUser  per-user values by metric name, indexed like the users evaluated; may be empty
 */
public record EvaluationResult(String protocol, Map<String, Double> metrics, Map<String, double[]> perUser) {

    /**
     * Copies the maps, keeping their order.
     *
     * @throws NullPointerException if any argument is null
     */
    public EvaluationResult {
        Objects.requireNonNull(protocol, "protocol");
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        perUser = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perUser));
    }
}
