package org.surrogate.bundles.privacy;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws k distinct integers uniformly from {@code [0, n)}, in O(k) expected time and memory whatever n:
 * Floyd's algorithm (Bentley and Floyd, "A sample of brilliance", CACM 1987) over a small open-addressing
 * set, or, when k &gt; n / 2, Floyd's algorithm for the n - k integers left out followed by one pass over
 * {@code [0, n)} (still O(k)). Reusable, not thread-safe.
 */
final class DistinctSampler {

    private static final int EMPTY = -1;

    private int[] table = new int[64];
    private int shift = 32 - 6;
    private int[] drawn = new int[32];

    /**
     * Draws the integers.
     *
     * @param n   the size of the range, &gt;= 0
     * @param k   how many, in [0, n]
     * @param rng the generator
     * @return the k integers in increasing order
     */
    int[] sample(int n, int k, SplittableRandom rng) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("cannot draw " + k + " distinct integers from [0, " + n + ")");
        }
        if (2L * k <= n) {
            int[] out = Arrays.copyOf(floyd(n, k, rng), k);
            Arrays.sort(out);
            return out;
        }
        int[] excluded = Arrays.copyOf(floyd(n, n - k, rng), n - k);
        Arrays.sort(excluded);
        int[] out = new int[k];
        int e = 0;
        int o = 0;
        for (int v = 0; v < n; v++) {
            if (e < excluded.length && excluded[e] == v) {
                e++;
            } else {
                out[o++] = v;
            }
        }
        return out;
    }

    /** Floyd's algorithm: for j = n-k .. n-1, draw t in [0, j]; keep t if new, else j. */
    private int[] floyd(int n, int k, SplittableRandom rng) {
        prepare(k);
        int size = 0;
        for (int j = n - k; j < n; j++) {
            int t = rng.nextInt(j + 1);
            int v = insert(t) ? t : j;
            if (v == j) {
                insert(j);
            }
            drawn[size++] = v;
        }
        return drawn;
    }

    private void prepare(int k) {
        int capacity = Integer.highestOneBit(Math.max(16, k) * 2 - 1) << 1;
        if (table.length < capacity || table.length > 4 * capacity) {
            table = new int[capacity];
        }
        shift = 32 - Integer.numberOfTrailingZeros(table.length);
        Arrays.fill(table, EMPTY);
        if (drawn.length < k) {
            drawn = new int[Math.max(k, drawn.length * 2)];
        }
    }

    /** Inserts v; returns false if it was already there. */
    private boolean insert(int v) {
        int mask = table.length - 1;
        // Fibonacci hashing: the top bits of the product, so consecutive integers spread out.
        int h = (v * 0x9E3779B9) >>> shift;
        while (table[h] != EMPTY) {
            if (table[h] == v) {
                return false;
            }
            h = (h + 1) & mask;
        }
        table[h] = v;
        return true;
    }
}
