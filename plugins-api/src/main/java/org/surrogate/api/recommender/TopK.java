package org.surrogate.api.recommender;

/**
 * Selects the indices of the k largest scores, for models and evaluators.
 */
public final class TopK {

    private TopK() {
    }

    /**
     * The positions of the {@code k} largest values of {@code scores[from..to)}, best first, as
     * offsets from {@code from}. Ties go to the lower index; {@code -Infinity} and NaN scores are
     * never selected. Runs in O(n log k).
     *
     * @param scores the scores
     * @param from   the first position of the row
     * @param to     the position after the row
     * @param k      how many to select, at least 0
     * @return the selected offsets, at most k
     */
    public static int[] select(float[] scores, int from, int to, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, found " + k);
        }
        int n = Math.min(k, to - from);
        int[] heap = new int[n];
        int size = 0;
        int j = from;
        for (; j < to && size < n; j++) {
            if (scores[j] > Float.NEGATIVE_INFINITY) {
                heap[size] = j;
                siftUp(heap, size++, scores);
            }
        }
        if (n > 0 && size == n) {
            // The worst kept score, in a local: most items fail this one comparison and cost nothing more.
            // Later positions lose ties, so only a strictly higher score enters.
            float worst = scores[heap[0]];
            for (; j < to; j++) {
                float s = scores[j];
                if (s > worst) {
                    heap[0] = j;
                    siftDown(heap, size, scores);
                    worst = scores[heap[0]];
                }
            }
        }
        int[] out = new int[size];
        for (int k2 = size - 1; k2 >= 0; k2--) {
            out[k2] = heap[0] - from;
            heap[0] = heap[k2];
            siftDown(heap, k2, scores);
        }
        return out;
    }

    /** Whether position a ranks above position b: higher score, then lower index. */
    private static boolean better(int a, int b, float[] s) {
        return s[a] > s[b] || (s[a] == s[b] && a < b);
    }

    // A min-heap by rank: the root is the worst of the kept positions.
    private static void siftUp(int[] h, int i, float[] s) {
        int v = h[i];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (!better(h[p], v, s)) {
                break;
            }
            h[i] = h[p];
            i = p;
        }
        h[i] = v;
    }

    private static void siftDown(int[] h, int size, float[] s) {
        int i = 0;
        int v = h[0];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && better(h[c], h[c + 1], s)) {
                c++;
            }
            if (!better(v, h[c], s)) {
                break;
            }
            h[i] = h[c];
            i = c;
        }
        if (size > 0) {
            h[i] = v;
        }
    }
}
