package org.surrogate.bundles.holdoutprotocol;

import java.util.LinkedHashMap;
import java.util.Map;
import org.surrogate.api.run.RunContext;

/**
 * Collects the values of each result name over the splits of a trial and reports their means, for
 * splitters that return several splits (k-fold). Names keep the order they were first seen in.
 */
final class FoldMeans {

    /** Sum and count of the values seen for one name. */
    private static final class Sum {
        double sum;
        int count;
    }

    private final Map<String, Sum> sums = new LinkedHashMap<>();

    /**
     * Adds the value of one split.
     *
     * @param name  the result name of the mean, such as "popularity/ndcg@10"
     * @param value the split's value
     */
    void add(String name, double value) {
        Sum s = sums.computeIfAbsent(name, k -> new Sum());
        s.sum += value;
        s.count++;
    }

    /**
     * Reports every mean as a result; a name missing from some splits is averaged over the splits
     * that have it, with a warning in the log.
     *
     * @param splits the number of splits
     * @param ctx    the run context
     */
    void report(int splits, RunContext ctx) {
        for (Map.Entry<String, Sum> e : sums.entrySet()) {
            Sum s = e.getValue();
            if (s.count != splits) {
                ctx.log(System.Logger.Level.WARNING, "result " + e.getKey() + " is the mean over the " + s.count
                        + " of " + splits + " folds that reported it");
            }
            ctx.result(e.getKey(), s.sum / s.count);
        }
    }
}
