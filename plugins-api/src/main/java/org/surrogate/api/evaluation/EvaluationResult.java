package org.surrogate.api.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Metrics computed by an evaluator, with the protocol that produced them and, for metrics averaged
 * over users, the per-user values (for confidence intervals and paired tests).
 *
 * @param protocol how the metrics were computed, such as "full ranking over all items, train items
 *                 excluded"
 * @param metrics  the metric values by name, such as "ndcg@10"
 * @param users    the dense ids of the users the per-user values belong to, in order; empty when there
 *                 are none
 * @param perUser  per-user values by metric name, each aligned with {@code users}; may be empty
 */
public record EvaluationResult(String protocol, Map<String, Double> metrics, int[] users,
                               Map<String, double[]> perUser) {

    /**
     * Copies the maps, keeping their order, and checks the per-user arrays align with the users.
     *
     * @throws IllegalArgumentException if a per-user array has another length than {@code users}
     */
    public EvaluationResult {
        Objects.requireNonNull(protocol, "protocol");
        users = users == null ? new int[0] : users;
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        perUser = Collections.unmodifiableMap(new LinkedHashMap<>(perUser));
        for (Map.Entry<String, double[]> e : perUser.entrySet()) {
            if (e.getValue().length != users.length) {
                throw new IllegalArgumentException("per-user values of '" + e.getKey() + "' have " + e.getValue().length
                        + " entries for " + users.length + " users");
            }
        }
    }

    /**
     * A result without per-user values (dataset metrics).
     *
     * @param protocol how the metrics were computed
     * @param metrics  the values by name
     */
    public EvaluationResult(String protocol, Map<String, Double> metrics) {
        this(protocol, metrics, new int[0], Map.of());
    }
}
