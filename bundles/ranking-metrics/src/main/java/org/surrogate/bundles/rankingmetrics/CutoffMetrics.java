package org.surrogate.bundles.rankingmetrics;

/**
 * Computes every {@link CutoffMetric} of one ranking at several cut-offs from the ranks of its hits.
 *
 * <p>With {@code R} the number of relevant items, {@code hits@k} the relevant items among the first
 * k and {@code r_1 < r_2 < ...} their 1-based ranks:
 * <ul>
 * <li>{@code ndcg@k = sum over hits with r_j <= k of 1/log2(r_j + 1)}, divided by the same sum for
 *     ranks {@code 1..min(k, R)};</li>
 * <li>{@code recall@k = hits@k / R}; {@code truncated-recall@k = hits@k / min(k, R)};
 *     {@code precision@k = hits@k / k};</li>
 * <li>{@code map@k = (sum over hits with r_j <= k of j / r_j) / min(k, R)};</li>
 * <li>{@code mrr@k = 1 / r_1} if {@code r_1 <= k}, else 0; {@code hit@k = 1} if {@code hits@k > 0};</li>
 * <li>{@code f1@k = 2 P R / (P + R)} of precision and recall at k, 0 when both are 0.</li>
 * </ul>
 * Immutable; safe to share between threads.
 */
final class CutoffMetrics {

    private final int[] ks;
    /** idcg[r] = sum of 1 / log2(p + 1) for p = 1..r: the ideal DCG of r relevant items. */
    private final double[] idcg;

    /**
     * Prepares the discounts.
     *
     * @param ks the cut-offs, distinct, increasing, at least 1
     */
    CutoffMetrics(int[] ks) {
        this.ks = ks.clone();
        int maxK = ks[ks.length - 1];
        this.idcg = new double[maxK + 1];
        for (int r = 1; r <= maxK; r++) {
            idcg[r] = idcg[r - 1] + discount(r);
        }
    }

    /**
     * The discount of a 1-based rank: {@code 1 / log2(rank + 1)}.
     *
     * @param rank the rank, at least 1
     * @return the discount
     */
    static double discount(int rank) {
        return Math.log(2) / Math.log(rank + 1.0);
    }

    /**
     * The cut-offs.
     *
     * @return the cut-offs, increasing; do not change
     */
    int[] ks() {
        return ks;
    }

    /**
     * Computes every metric at every cut-off.
     *
     * @param hitRanks    the 1-based ranks of the hits, increasing, in its first {@code hits} entries
     * @param hits        how many entries of {@code hitRanks} to use
     * @param numRelevant the number of relevant items, at least 1
     * @param out         receives {@code out[metric.ordinal()][cut-off index]}
     */
    void compute(int[] hitRanks, int hits, int numRelevant, double[][] out) {
        int h = 0;
        double dcg = 0;
        double precisionSum = 0;
        for (int c = 0; c < ks.length; c++) {
            int k = ks[c];
            for (; h < hits && hitRanks[h] <= k; h++) {
                int rank = hitRanks[h];
                dcg += discount(rank);
                precisionSum += (h + 1.0) / rank;
            }
            int ideal = Math.min(k, numRelevant);
            double precision = (double) h / k;
            double recall = (double) h / numRelevant;
            out[CutoffMetric.NDCG.ordinal()][c] = dcg / idcg[ideal];
            out[CutoffMetric.RECALL.ordinal()][c] = recall;
            out[CutoffMetric.TRUNCATED_RECALL.ordinal()][c] = (double) h / ideal;
            out[CutoffMetric.PRECISION.ordinal()][c] = precision;
            out[CutoffMetric.MAP.ordinal()][c] = precisionSum / ideal;
            out[CutoffMetric.MRR.ordinal()][c] = h > 0 ? 1.0 / hitRanks[0] : 0;
            out[CutoffMetric.HIT.ordinal()][c] = h > 0 ? 1 : 0;
            out[CutoffMetric.F1.ordinal()][c] = h > 0 ? 2 * precision * recall / (precision + recall) : 0;
        }
    }
}
