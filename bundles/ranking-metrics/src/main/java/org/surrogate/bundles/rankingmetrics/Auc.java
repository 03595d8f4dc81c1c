package org.surrogate.bundles.rankingmetrics;

import java.util.Arrays;
import org.surrogate.bundles.commons.scoring.RankedRow;

/**
 * Per-user AUC: the fraction of (relevant, non-relevant) pairs that the scores order correctly, a
 * tie counting 1/2. NaN scores count as {@code -Infinity} (the lowest score), as in {@code TopK}.
 *
 * <p>A full-ranking AUC counts, for each of the n non-relevant candidates, the R relevant scores
 * above and equal to its score. Sorting the R relevant scores and searching each candidate among them
 * is O(n log R), but the search's branches are unpredictable and made AUC cost several times the
 * top-k selection. So the range [lowest, highest relevant score] is cut into buckets by a monotone
 * function of the score: a candidate in a bucket without a relevant score has exactly as many
 * relevant scores above it as lie in higher buckets (monotonicity: a lower bucket means a lower
 * score), read from a table; only the few candidates sharing a bucket with a relevant score are
 * searched. The counts are integers, so the result is exact and does not depend on the buckets.
 *
 * <p>One instance per worker thread: it holds scratch arrays.
 */
final class Auc {

    private final int buckets;
    /** above[b]: relevant scores in buckets after b, or -1 when bucket b holds a relevant score. */
    private final int[] above;
    private final int[] counts;
    private final int[] ambiguous;
    private float[] sorted = new float[16];
    /** The non-relevant candidates of the last row. */
    private long negatives;

    /**
     * Creates the scratch for rows of a catalogue.
     *
     * @param numItems the number of items per row
     */
    Auc(int numItems) {
        this.buckets = Math.max(16, Math.min(4096, Integer.highestOneBit(Math.max(1, numItems / 8))));
        this.above = new int[buckets + 3];
        this.counts = new int[buckets + 3];
        this.ambiguous = new int[numItems];
    }

    /**
     * A score with NaN replaced by {@code -Infinity}.
     *
     * @param s the score
     * @return the comparable score
     */
    static float clean(float s) {
        return s != s ? Float.NEGATIVE_INFINITY : s;
    }

    /**
     * The AUC of a full ranking: every relevant item against every non-relevant item that is not
     * excluded.
     *
     * @param row           the ranked row
     * @param relevant      the relevant items, at least one, none excluded
     * @param relevantStamp relevantStamp[item] == stamp marks the relevant items
     * @param stamp         the mark of this row
     * @return the AUC, or 0.5 when the user has no non-relevant candidate (no pair to order)
     */
    double fullRanking(RankedRow row, int[] relevant, int[] relevantStamp, int stamp) {
        int r = relevant.length;
        if (sorted.length < r) {
            sorted = new float[Math.max(r, 2 * sorted.length)];
        }
        for (int j = 0; j < r; j++) {
            sorted[j] = clean(row.score(relevant[j]));
        }
        Arrays.sort(sorted, 0, r);
        float lo = sorted[0];
        float hi = sorted[r - 1];
        double scale = buckets / ((double) hi - lo);
        // Twice the number of correctly ordered pairs, so that ties (1/2 each) stay integers.
        long twiceCorrect;
        if (lo == hi) {
            twiceCorrect = equalRelevantScores(row, r, lo, relevantStamp, stamp);
        } else if (Float.isFinite(lo) && Float.isFinite(hi) && Double.isFinite(scale)) {
            twiceCorrect = bucketed(row, r, lo, scale, relevantStamp, stamp);
        } else {
            twiceCorrect = searched(row, r, relevantStamp, stamp);
        }
        return negatives == 0 ? 0.5 : twiceCorrect / (2.0 * r * negatives);
    }

    /** All relevant scores equal t (one relevant item, say): below t counts 2r, equal r, above 0. */
    private long equalRelevantScores(RankedRow row, int r, float t, int[] relevantStamp, int stamp) {
        float[] scores = row.scores();
        int offset = row.offset();
        long below = 0;
        long equal = 0;
        negatives = 0;
        for (int item = 0; item < row.numItems(); item++) {
            if (relevantStamp[item] == stamp || row.isExcluded(item)) {
                continue;
            }
            negatives++;
            float s = clean(scores[offset + item]);
            below += s < t ? 1 : 0;
            equal += s == t ? 1 : 0;
        }
        return 2L * r * below + (long) r * equal;
    }

    /** Candidates counted by bucket; only those sharing a bucket with a relevant score are searched. */
    private long bucketed(RankedRow row, int r, float lo, double scale, int[] relevantStamp, int stamp) {
        buildTable(r, lo, scale);
        Arrays.fill(counts, 0);
        float[] scores = row.scores();
        int offset = row.offset();
        int toSearch = 0;
        negatives = 0;
        for (int item = 0; item < row.numItems(); item++) {
            if (relevantStamp[item] == stamp || row.isExcluded(item)) {
                continue;
            }
            negatives++;
            int b = bucket(clean(scores[offset + item]), lo, scale);
            counts[b]++;
            ambiguous[toSearch] = item;
            toSearch += above[b] < 0 ? 1 : 0;
        }
        long twiceCorrect = 0;
        for (int b = 0; b < above.length; b++) {
            twiceCorrect += above[b] < 0 ? 0 : 2L * above[b] * counts[b];
        }
        for (int k = 0; k < toSearch; k++) {
            twiceCorrect += twiceCorrect(clean(scores[offset + ambiguous[k]]), r);
        }
        return twiceCorrect;
    }

    /** Every candidate searched among the relevant scores (infinite relevant scores: rare). */
    private long searched(RankedRow row, int r, int[] relevantStamp, int stamp) {
        long twiceCorrect = 0;
        negatives = 0;
        for (int item = 0; item < row.numItems(); item++) {
            if (relevantStamp[item] != stamp && !row.isExcluded(item)) {
                negatives++;
                twiceCorrect += twiceCorrect(clean(row.score(item)), r);
            }
        }
        return twiceCorrect;
    }

    /**
     * The bucket of a score: monotone non-decreasing in the score; 0 for scores well below lo,
     * buckets + 2 for scores well above the highest relevant score.
     */
    private int bucket(float s, float lo, double scale) {
        // (int) saturates (infinities included) and is monotone; the clamps are integer conditional moves.
        int x = (int) (((double) s - lo) * scale);
        return Math.min(Math.max(x, -1), buckets + 1) + 1;
    }

    private void buildTable(int r, float lo, double scale) {
        Arrays.fill(above, 0);
        for (int j = 0; j < r; j++) {
            above[bucket(sorted[j], lo, scale)]--;
        }
        int remaining = r;
        for (int b = 0; b < above.length; b++) {
            int inBucket = -above[b];
            remaining -= inBucket;
            above[b] = inBucket > 0 ? -1 : remaining;
        }
    }

    /** Twice the pairs a candidate scored s forms correctly with the r sorted relevant scores. */
    private int twiceCorrect(float s, int r) {
        int notAbove = upperBound(sorted, r, s);
        int below = notAbove > 0 && sorted[notAbove - 1] == s ? lowerBound(sorted, notAbove, s) : notAbove;
        return 2 * (r - notAbove) + (notAbove - below);
    }

    /**
     * The AUC of one positive against sampled negatives.
     *
     * @param positive  the positive's clean score
     * @param row       the ranked row
     * @param negatives the negative items in {@code negatives[0..count)}
     * @param count     the number of negatives
     * @return the AUC, or 0.5 without negatives
     */
    static double sampled(float positive, RankedRow row, int[] negatives, int count) {
        long twiceCorrect = 0;
        for (int j = 0; j < count; j++) {
            float s = clean(row.score(negatives[j]));
            twiceCorrect += s < positive ? 2 : s == positive ? 1 : 0;
        }
        return count == 0 ? 0.5 : twiceCorrect / (2.0 * count);
    }

    /** The first index of sorted[0..n) whose value is >= s. */
    private static int lowerBound(float[] sorted, int n, float s) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first index of sorted[0..n) whose value is > s. */
    private static int upperBound(float[] sorted, int n, float s) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
