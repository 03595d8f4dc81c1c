package org.surrogate.bundles.commons.stats;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.surrogate.api.data.Dataset;

/**
 * Item co-occurrence similarity, and how it agrees between a reference dataset and another one.
 *
 * <p>For items i and j of a dataset, with {@code n_i} the number of distinct users who interacted with
 * i and {@code c_ij} the number who interacted with both, the cosine similarity is
 * {@code c_ij / sqrt(n_i n_j)} (0 when either count is 0). {@link #compare} takes the N items with the
 * most distinct users in the reference (ties to the lower id), computes the cosine of every pair
 * {@code a < b} of them in each dataset, and reports the mean absolute difference and the Pearson
 * correlation (commons-math3) of the two vectors of {@code N(N-1)/2} cosines. Items are matched by dense
 * id, so the compared dataset should share the reference's item ids (as a generator fitted to it does); an
 * item id beyond its catalogue counts as never interacted with.
 */
public final class CooccurrenceSimilarity {

    /** The default number of items compared. */
    public static final int DEFAULT_ITEMS = 100;

    private CooccurrenceSimilarity() {
    }

    /**
     * Compares the co-occurrence cosines of the reference's most popular items in two datasets.
     *
     * @param reference the reference dataset, which picks the items
     * @param other     the compared dataset
     * @param n         how many items, at least 2; fewer are used when the reference has fewer items
     *                  with interactions
     * @return the comparison
     * @throws IllegalArgumentException if n is below 2, or the reference has fewer than 2 items with
     *                                  interactions
     */
    public static CooccurrenceComparison compare(Dataset reference, Dataset other, int n) {
        Checks.notNull("cooccurrence", reference, "reference");
        Checks.notNull("cooccurrence", other, "other");
        if (n < 2) {
            throw new IllegalArgumentException("cooccurrence: the number of items must be at least 2, found " + n);
        }
        int[] items = topItems(reference, n);
        if (items.length < 2) {
            throw new IllegalArgumentException("cooccurrence: reference '" + reference.name() + "' has "
                    + items.length + " item(s) with interactions; item pairs need at least 2");
        }
        double[] r = cosines(reference, items);
        double[] o = cosines(other, items);
        double mae = 0;
        for (int p = 0; p < r.length; p++) {
            mae += Math.abs(r[p] - o[p]);
        }
        mae /= r.length;
        double pearson = r.length < 2 || Checks.isConstant(r) || Checks.isConstant(o) ? Double.NaN
                : new PearsonsCorrelation().correlation(r, o);
        return new CooccurrenceComparison(items, r, o, mae, pearson);
    }

    /**
     * The items with the most distinct users, most first, ties to the lower id; items without users are
     * never chosen.
     *
     * @param data the dataset
     * @param n    how many at most
     * @return up to n dense item ids
     */
    public static int[] topItems(Dataset data, int n) {
        int[] users = distinctUsers(data);
        return IntStream.range(0, users.length)
                .filter(i -> users[i] > 0)
                .boxed()
                .sorted((a, b) -> users[a] != users[b] ? Integer.compare(users[b], users[a]) : Integer.compare(a, b))
                .limit(n)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /**
     * The cosine similarity of every pair of the given items in a dataset, upper triangle in row order:
     * {@code (0,1), (0,2), ..., (0,N-1), (1,2), ...} over positions in {@code items}.
     *
     * @param data  the dataset
     * @param items distinct dense item ids; ids outside the dataset's catalogue have no users
     * @return {@code N(N-1)/2} cosines in [0, 1]
     */
    public static double[] cosines(Dataset data, int[] items) {
        int n = items.length;
        int[] pos = new int[data.numItems()];
        Arrays.fill(pos, -1);
        for (int p = 0; p < n; p++) {
            if (items[p] >= 0 && items[p] < data.numItems()) {
                pos[items[p]] = p;
            }
        }
        long[] both = new long[n * (n - 1) / 2];
        long[] single = new long[n];
        int[] stamp = new int[n];
        int[] seen = new int[n];
        for (int u = 0; u < data.numUsers(); u++) {
            int k = 0;
            for (int idx = data.begin(u); idx < data.end(u); idx++) {
                int p = pos[data.item(idx)];
                if (p >= 0 && stamp[p] != u + 1) {
                    stamp[p] = u + 1;
                    seen[k++] = p;
                }
            }
            Arrays.sort(seen, 0, k);
            for (int a = 0; a < k; a++) {
                single[seen[a]]++;
                for (int b = a + 1; b < k; b++) {
                    both[pairIndex(seen[a], seen[b], n)]++;
                }
            }
        }
        double[] cos = new double[both.length];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                int p = pairIndex(a, b, n);
                cos[p] = single[a] == 0 || single[b] == 0 ? 0 : both[p] / Math.sqrt((double) single[a] * single[b]);
            }
        }
        return cos;
    }

    /** The position of pair (a, b), a &lt; b, in the row-order upper triangle of an n x n matrix. */
    static int pairIndex(int a, int b, int n) {
        return a * n - a * (a + 1) / 2 + (b - a - 1);
    }

    /** The number of distinct users of every item. */
    static int[] distinctUsers(Dataset data) {
        int[] count = new int[data.numItems()];
        int[] stamp = new int[data.numItems()];
        for (int u = 0; u < data.numUsers(); u++) {
            for (int idx = data.begin(u); idx < data.end(u); idx++) {
                int i = data.item(idx);
                if (stamp[i] != u + 1) {
                    stamp[i] = u + 1;
                    count[i]++;
                }
            }
        }
        return count;
    }
}
