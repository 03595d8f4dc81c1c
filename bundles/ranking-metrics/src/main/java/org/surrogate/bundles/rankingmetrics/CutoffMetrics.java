package org.surrogate.bundles.rankingmetrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-user NDCG, recall and precision at several cut-offs, filled one user at a time.
 */
final class CutoffMetrics {

    private final int[] ks;
    private final double[][] ndcg;
    private final double[][] recall;
    private final double[][] precision;
    /** discountSum[r] = sum of 1 / log2(p + 1) for ranks p = 1..r: the IDCG of r relevant items. */
    private final double[] discountSum;
    private final int[] relevantStamp;
    private int stamp;

    /**
     * Creates empty accumulators.
     *
     * @param ks       the cut-offs, distinct and increasing
     * @param users    the number of users to be added
     * @param numItems the number of items, the bound of item ids
     */
    CutoffMetrics(int[] ks, int users, int numItems) {
        this.ks = ks.clone();
        this.ndcg = new double[ks.length][users];
        this.recall = new double[ks.length][users];
        this.precision = new double[ks.length][users];
        int maxK = ks[ks.length - 1];
        this.discountSum = new double[maxK + 1];
        for (int r = 1; r <= maxK; r++) {
            discountSum[r] = discountSum[r - 1] + discount(r);
        }
        this.relevantStamp = new int[numItems];
    }

    /** 1 / log2(rank + 1) for a 1-based rank. */
    static double discount(int rank) {
        return Math.log(2) / Math.log(rank + 1.0);
    }

    /**
     * Computes the metrics of one user.
     *
     * @param user     the position of the user among the evaluated users
     * @param top      the ranked items, best first, at most max(ks)
     * @param relevant the user's distinct relevant items, at least one
     */
    void add(int user, int[] top, int[] relevant) {
        stamp++;
        for (int item : relevant) {
            relevantStamp[item] = stamp;
        }
        int hits = 0;
        double dcg = 0;
        int rank = 0;
        for (int c = 0; c < ks.length; c++) {
            int k = ks[c];
            for (; rank < Math.min(k, top.length); rank++) {
                if (relevantStamp[top[rank]] == stamp) {
                    hits++;
                    dcg += discount(rank + 1);
                }
            }
            ndcg[c][user] = dcg / discountSum[Math.min(k, relevant.length)];
            recall[c][user] = (double) hits / relevant.length;
            precision[c][user] = (double) hits / k;
        }
    }

    /**
     * The means over users, named "ndcg@k", "recall@k", "precision@k".
     *
     * @return the means, NDCG first, each metric in increasing k
     */
    Map<String, Double> means() {
        Map<String, Double> out = new LinkedHashMap<>();
        perUser().forEach((name, values) -> {
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            out.put(name, sum / values.length);
        });
        return out;
    }

    /**
     * The per-user values under the same names as {@link #means()}.
     *
     * @return the arrays (not copied)
     */
    Map<String, double[]> perUser() {
        Map<String, double[]> out = new LinkedHashMap<>();
        put(out, "ndcg", ndcg);
        put(out, "recall", recall);
        put(out, "precision", precision);
        return out;
    }

    private void put(Map<String, double[]> out, String metric, double[][] values) {
        for (int c = 0; c < ks.length; c++) {
            out.put(metric + "@" + ks[c], values[c]);
        }
    }
}
