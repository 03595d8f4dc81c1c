package org.surrogate.bundles.fidelity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.surrogate.bundles.commons.stats.CooccurrenceComparison;
import org.surrogate.bundles.commons.stats.PairedHistogram;

/**
 * What one fidelity evaluation found: the metrics in order, the metrics left out with the reason, and
 * the data behind them for plots. Filled by {@link FidelityComputation}; not thread-safe.
 */
final class FidelityReport {

    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final List<String> omitted = new ArrayList<>();
    /** Histograms by name ("activity", "popularity", "ratings"), as used for Jensen-Shannon. */
    final Map<String, PairedHistogram> histograms = new LinkedHashMap<>();
    double[] svReference = new double[0];
    double[] svCompared = new double[0];
    double normReference;
    double normCompared;
    CooccurrenceComparison cooccurrence;

    /**
     * Records a metric, or records why it is left out when it is NaN.
     *
     * @param name  the metric name
     * @param value the value
     * @param why   the reason it can be undefined, used when the value is NaN
     */
    void put(String name, double value, String why) {
        if (Double.isNaN(value)) {
            omitted.add(name + ": " + why);
        } else {
            metrics.put(name, value);
        }
    }

    /**
     * Records a metric that is always defined.
     *
     * @param name  the metric name
     * @param value the value
     */
    void put(String name, double value) {
        put(name, value, "undefined");
    }

    /**
     * Records a metric family left out, with the reason.
     *
     * @param what the metric names and the reason
     */
    void omit(String what) {
        omitted.add(what);
    }

    Map<String, Double> metrics() {
        return Collections.unmodifiableMap(metrics);
    }

    List<String> omitted() {
        return Collections.unmodifiableList(omitted);
    }
}
