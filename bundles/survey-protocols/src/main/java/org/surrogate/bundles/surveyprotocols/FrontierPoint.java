package org.surrogate.bundles.surveyprotocols;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of the privacy-fidelity frontier: a budget (or the unprotected baseline) with what was
 * measured there. Every value is {@code {estimate, lower, upper}}, the bounds NaN when there is no
 * interval. Filled in by the protocol as it goes.
 */
final class FrontierPoint {

    private final String name;
    private final double budget;
    private final double epsilon;
    private final double delta;
    private final Map<String, double[]> accuracy = new LinkedHashMap<>();
    private final Map<String, double[]> kendall = new LinkedHashMap<>();
    private final Map<String, double[]> spearman = new LinkedHashMap<>();
    private final Map<String, double[]> attack = new LinkedHashMap<>();

    /**
     * Creates the point.
     *
     * @param name    "none" or the budget key, such as "eps0.5"
     * @param budget  the budget parameter's value, NaN for the baseline
     * @param epsilon the mechanism's stated epsilon (Infinity for the baseline)
     * @param delta   the stated delta
     */
    FrontierPoint(String name, double budget, double epsilon, double delta) {
        this.name = name;
        this.budget = budget;
        this.epsilon = epsilon;
        this.delta = delta;
    }

    String name() {
        return name;
    }

    double budget() {
        return budget;
    }

    double epsilon() {
        return epsilon;
    }

    double delta() {
        return delta;
    }

    /** Accuracy of each recommender on the first metric, by recommender label. */
    Map<String, double[]> accuracy() {
        return accuracy;
    }

    /** Kendall tau-b against real-data training, by metric. */
    Map<String, double[]> kendall() {
        return kendall;
    }

    /** Spearman against real-data training, by metric. */
    Map<String, double[]> spearman() {
        return spearman;
    }

    /** Attack AUC, by attack label. */
    Map<String, double[]> attack() {
        return attack;
    }

    /**
     * A label for plots: "none", or the budget such as "ε=0.5".
     *
     * @param budgetParam the name of the budget parameter ("epsilon" is written ε)
     * @return the label
     */
    String label(String budgetParam) {
        if ("none".equals(name)) {
            return "none";
        }
        return ("epsilon".equals(budgetParam) ? "\u03b5" : budgetParam) + "=" + AugmentationProtocol.fmt(budget);
    }
}
