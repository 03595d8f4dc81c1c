package org.surrogate.bundles.rankingmetrics;

/**
 * The metrics computed at each cut-off k, in the order results list them.
 */
enum CutoffMetric {
    /** Normalised discounted cumulative gain, binary relevance, log2 discount. */
    NDCG("ndcg"),
    /** Hits over the number of relevant items. */
    RECALL("recall"),
    /** Hits over min(k, relevant items), Liang et al. 2018. */
    TRUNCATED_RECALL("truncated-recall"),
    /** Hits over k. */
    PRECISION("precision"),
    /** Average precision truncated at k, over min(k, relevant items). */
    MAP("map"),
    /** 1 / rank of the first hit within k, else 0. */
    MRR("mrr"),
    /** 1 if any hit within k, else 0. */
    HIT("hit"),
    /** Harmonic mean of precision and recall at k, 0 when both are 0. */
    F1("f1");

    private final String label;

    CutoffMetric(String label) {
        this.label = label;
    }

    /**
     * The metric's name at a cut-off, such as "ndcg@10".
     *
     * @param k the cut-off
     * @return the name
     */
    String at(int k) {
        return label + "@" + k;
    }
}
