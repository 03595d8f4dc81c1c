package org.surrogate.bundles.rankingmetrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-user values of every metric, one slot per evaluated user. Worker threads write distinct
 * slots; means are summed in slot order, so they do not depend on the number of threads.
 */
final class MetricTable {

    private final int[] ks;
    /** values[metric][cut-off index][slot]. */
    private final double[][][] values;
    /** auc[slot], or null when AUC is not computed. */
    private final double[] auc;

    /**
     * Creates a table of zeros.
     *
     * @param ks    the cut-offs, increasing
     * @param users the number of evaluated users
     * @param auc   whether AUC is computed
     */
    MetricTable(int[] ks, int users, boolean auc) {
        this.ks = ks.clone();
        this.values = new double[CutoffMetric.values().length][ks.length][users];
        this.auc = auc ? new double[users] : null;
    }

    /**
     * Stores the cut-off metrics of one user.
     *
     * @param slot   the user's slot
     * @param byCut  {@code byCut[metric.ordinal()][cut-off index]}
     */
    void set(int slot, double[][] byCut) {
        for (int m = 0; m < values.length; m++) {
            for (int c = 0; c < ks.length; c++) {
                values[m][c][slot] = byCut[m][c];
            }
        }
    }

    /**
     * Stores the AUC of one user.
     *
     * @param slot  the user's slot
     * @param value the AUC
     */
    void setAuc(int slot, double value) {
        auc[slot] = value;
    }

    /**
     * Whether AUC is computed.
     *
     * @return true if it is
     */
    boolean hasAuc() {
        return auc != null;
    }

    /**
     * The per-user values by name: every {@link CutoffMetric} at each cut-off ("ndcg@10"), then "auc".
     *
     * @return the arrays, aligned with the evaluated users (not copied)
     */
    Map<String, double[]> perUser() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (CutoffMetric m : CutoffMetric.values()) {
            for (int c = 0; c < ks.length; c++) {
                out.put(m.at(ks[c]), values[m.ordinal()][c]);
            }
        }
        if (auc != null) {
            out.put("auc", auc);
        }
        return out;
    }

    /**
     * The means over the evaluated users under the names of {@link #perUser()}, then "users", the
     * number of evaluated users.
     *
     * @return the means
     */
    Map<String, Double> means() {
        Map<String, Double> out = new LinkedHashMap<>();
        int users = 0;
        for (Map.Entry<String, double[]> e : perUser().entrySet()) {
            double sum = 0;
            for (double v : e.getValue()) {
                sum += v;
            }
            users = e.getValue().length;
            out.put(e.getKey(), sum / users);
        }
        out.put("users", (double) users);
        return out;
    }
}
