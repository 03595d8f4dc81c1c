package org.surrogate.bundles.privacyattacks;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.surrogate.bundles.commons.stats.Bootstrap;
import org.surrogate.bundles.commons.stats.Interval;

/**
 * The success of a membership attack from its scores (higher means "member"): the area under the ROC curve,
 * {@code AUC = P(s_member > s_non-member) + P(s_member = s_non-member) / 2} (0.5 is guessing, 1 a perfect
 * attack), with a percentile bootstrap interval resampling members and non-members independently
 * ({@link Bootstrap}), and the membership advantage {@code max over thresholds of TPR - FPR} (Yeom et al.,
 * CSF 2018).
 *
 * <p>The scores are mapped once to the ranks of their distinct values, so each bootstrap replicate costs
 * O(members + non-members + distinct values).
 */
final class AttackAuc {

    private final int[] memberRank;
    private final int[] nonMemberRank;
    private final int values;

    /**
     * Prepares the scores.
     *
     * @param members    the scores of the members, at least one
     * @param nonMembers the scores of the non-members, at least one
     */
    AttackAuc(double[] members, double[] nonMembers) {
        double[] all = new double[members.length + nonMembers.length];
        System.arraycopy(members, 0, all, 0, members.length);
        System.arraycopy(nonMembers, 0, all, members.length, nonMembers.length);
        Arrays.sort(all);
        int distinct = 0;
        for (int k = 0; k < all.length; k++) {
            if (k == 0 || all[k] != all[k - 1]) {
                all[distinct++] = all[k];
            }
        }
        double[] keys = Arrays.copyOf(all, distinct);
        this.values = distinct;
        this.memberRank = ranks(members, keys);
        this.nonMemberRank = ranks(nonMembers, keys);
    }

    private static int[] ranks(double[] scores, double[] keys) {
        int[] r = new int[scores.length];
        for (int k = 0; k < scores.length; k++) {
            r[k] = Arrays.binarySearch(keys, scores[k]);
        }
        return r;
    }

    /**
     * The AUC on all scores.
     *
     * @return the AUC
     */
    double auc() {
        return auc(identity(memberRank.length), identity(nonMemberRank.length));
    }

    /**
     * The AUC with a bootstrap interval.
     *
     * @param resamples the replicates, at least 1
     * @param level     the confidence level
     * @param rng       the generator
     * @return the interval around the AUC
     */
    Interval interval(int resamples, double level, SplittableRandom rng) {
        return Bootstrap.percentileInterval(memberRank.length, nonMemberRank.length, this::auc, resamples, level, rng);
    }

    /** The AUC of a resample (indices into the member and non-member scores). */
    private double auc(int[] members, int[] nonMembers) {
        long[] m = new long[values];
        long[] n = new long[values];
        for (int i : members) {
            m[memberRank[i]]++;
        }
        for (int j : nonMembers) {
            n[nonMemberRank[j]]++;
        }
        double wins = 0;
        long below = 0;
        for (int v = 0; v < values; v++) {
            wins += m[v] * (below + 0.5 * n[v]);
            below += n[v];
        }
        return wins / ((double) members.length * nonMembers.length);
    }

    /**
     * The membership advantage: the largest TPR - FPR over the thresholds "member when score &gt;= t".
     *
     * @return the advantage, in [0, 1]
     */
    double advantage() {
        long[] m = new long[values];
        long[] n = new long[values];
        for (int r : memberRank) {
            m[r]++;
        }
        for (int r : nonMemberRank) {
            n[r]++;
        }
        double best = 0;
        long tp = 0;
        long fp = 0;
        for (int v = values - 1; v >= 0; v--) {
            tp += m[v];
            fp += n[v];
            best = Math.max(best, (double) tp / memberRank.length - (double) fp / nonMemberRank.length);
        }
        return best;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
