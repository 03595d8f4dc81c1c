package org.surrogate.bundles.rankingmetrics;

import java.util.List;
import java.util.TreeSet;
import org.surrogate.api.param.Params;

/**
 * The resolved parameters of one evaluation.
 *
 * @param ks        the cut-offs, distinct and increasing, each at least 1
 * @param negatives sampled negatives per positive; 0 for the full ranking
 * @param auc       whether AUC is computed
 * @param threads   the worker threads, at least 1
 * @param batchSize users scored per model call; 0 to choose from the free heap
 */
record RankingSettings(List<Integer> ks, int negatives, boolean auc, int threads, int batchSize) {

    /** Catalogues up to this many items get AUC when the parameter {@code auc} is absent. */
    static final int AUC_AUTO_MAX_ITEMS = 100_000;

    /**
     * Checks the values (parameters validated by the schema always pass; Java callers may not).
     *
     * @throws IllegalArgumentException naming the bad value and what is accepted
     */
    RankingSettings {
        ks = List.copyOf(new TreeSet<>(ks));
        if (ks.isEmpty() || ks.get(0) < 1) {
            throw new IllegalArgumentException("evaluator '" + RankingMetricsEvaluator.ID + "': ks must be a non-empty"
                    + " list of cut-offs >= 1, found " + ks + "; use for example [10, 20]");
        }
        if (negatives < 0 || threads < 1 || batchSize < 0) {
            throw new IllegalArgumentException("evaluator '" + RankingMetricsEvaluator.ID + "': needs negatives >= 0, "
                    + "threads >= 1 and batchSize >= 0, found " + negatives + ", " + threads + ", " + batchSize);
        }
    }

    /**
     * Resolves validated parameters: an absent {@code auc} means "computed for catalogues of at most
     * 100,000 items", {@code threads = 0} means every available processor.
     *
     * @param params   the parameters
     * @param numItems the catalogue size
     * @return the settings
     */
    static RankingSettings of(Params params, int numItems) {
        boolean auc = params.has("auc") ? params.getBoolean("auc") : numItems <= AUC_AUTO_MAX_ITEMS;
        int threads = params.getInt("threads");
        return new RankingSettings(params.getIntList("ks"), params.getInt("negatives"), auc,
                threads == 0 ? Runtime.getRuntime().availableProcessors() : threads, params.getInt("batchSize"));
    }

    /**
     * The cut-offs as an array.
     *
     * @return a new array, increasing
     */
    int[] cutoffs() {
        return ks.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The largest cut-off.
     *
     * @return max(ks)
     */
    int maxK() {
        return ks.get(ks.size() - 1);
    }
}
