package org.surrogate.bundles.recsimu;

import java.util.Arrays;

/**
 * The classification and ranking metrics of the protocol: AUC (ties count half), F1 of the positive
 * class, accuracy, and the reciprocal-rank metrics of one relevant item.
 */
final class Scores {

    private Scores() {
    }

    /**
     * The area under the ROC curve: the probability that a random positive scores above a random
     * negative, ties counting half (Mann-Whitney U over midranks).
     *
     * @param scores   the scores
     * @param positive the labels
     * @param rows     which rows count (a bootstrap sample may repeat rows), or null for all
     * @return the AUC, NaN when one class is absent
     */
    static double auc(double[] scores, boolean[] positive, int[] rows) {
        int n = rows == null ? scores.length : rows.length;
        long[] keyed = new long[n];
        double[] s = new double[n];
        boolean[] p = new boolean[n];
        for (int k = 0; k < n; k++) {
            int r = rows == null ? k : rows[k];
            s[k] = scores[r];
            p[k] = positive[r];
        }
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Double.compare(s[a], s[b]));
        double rankSum = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && s[order[j + 1]] == s[order[i]]) {
                j++;
            }
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (p[order[k]]) {
                    rankSum += mid;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /**
     * The F1 score of the positive class.
     *
     * @param predicted the predicted labels
     * @param positive  the true labels
     * @param rows      which rows count, or null for all
     * @return F1, 0 when there are no true or predicted positives
     */
    static double f1(boolean[] predicted, boolean[] positive, int[] rows) {
        int n = rows == null ? predicted.length : rows.length;
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int k = 0; k < n; k++) {
            int r = rows == null ? k : rows[k];
            if (predicted[r] && positive[r]) {
                tp++;
            } else if (predicted[r]) {
                fp++;
            } else if (positive[r]) {
                fn++;
            }
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /**
     * The share of rows whose predicted type is the logged one.
     *
     * @param predicted predicted types
     * @param actual    logged types
     * @param rows      which rows count, or null for all
     * @return the accuracy
     */
    static double accuracy(int[] predicted, int[] actual, int[] rows) {
        int n = rows == null ? predicted.length : rows.length;
        long hit = 0;
        for (int k = 0; k < n; k++) {
            int r = rows == null ? k : rows[k];
            hit += predicted[r] == actual[r] ? 1 : 0;
        }
        return n == 0 ? Double.NaN : (double) hit / n;
    }

    /**
     * Average precision at k of one relevant item at a 1-based rank: 1/rank within the cutoff, else 0.
     *
     * @param rank   the rank of the relevant item
     * @param cutoff k
     * @return AP@k
     */
    static double averagePrecision(int rank, int cutoff) {
        return rank <= cutoff ? 1.0 / rank : 0;
    }

    /**
     * NDCG at k of one relevant item: 1/log2(rank + 1) within the cutoff, else 0.
     *
     * @param rank   the 1-based rank
     * @param cutoff k
     * @return NDCG@k
     */
    static double ndcg(int rank, int cutoff) {
        return rank <= cutoff ? Math.log(2) / Math.log(rank + 1.0) : 0;
    }

    /**
     * The mean of some rows of an array.
     *
     * @param values the values
     * @param rows   which rows, or null for all
     * @return the mean
     */
    static double mean(double[] values, int[] rows) {
        int n = rows == null ? values.length : rows.length;
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += values[rows == null ? k : rows[k]];
        }
        return s / n;
    }
}
