package org.surrogate.bundles.neighborhood;

import java.util.Arrays;
import org.surrogate.api.recommender.Model;

/**
 * A fitted first-order Markov chain: transition counts by source item, their row totals, and each
 * training user's last item. Read-only, so safe from several threads.
 */
final class MarkovChainModel implements Model {

    private final SparseRows counts;
    private final float[] totals;
    private final int[] lastItem;
    private final float smoothing;

    MarkovChainModel(SparseRows counts, float[] totals, int[] lastItem, float smoothing) {
        this.counts = counts;
        this.totals = totals;
        this.lastItem = lastItem;
        this.smoothing = smoothing;
    }

    @Override
    public int numItems() {
        return totals.length;
    }

    /**
     * Scores every item by the transition probability from each user's last training item.
     *
     * @param users dense user ids of the training data
     * @param out   receives {@code users.length * numItems()} scores
     * @throws IllegalArgumentException if {@code out} is too short
     * @throws IndexOutOfBoundsException if a user is not in the training data
     */
    @Override
    public void score(int[] users, float[] out) {
        Checks.outputLength(MarkovChainRecommender.ID, out, users.length, numItems());
        for (int k = 0; k < users.length; k++) {
            Checks.user(MarkovChainRecommender.ID, users[k], lastItem.length);
            row(lastItem[users[k]], out, k * numItems());
        }
    }

    /**
     * Scores every item by the transition probability from the last item of each history.
     *
     * @param histories item sequences, oldest first; an empty one scores 0 everywhere
     * @param out       receives {@code histories.length * numItems()} scores
     * @throws IllegalArgumentException if {@code out} is too short
     * @throws IndexOutOfBoundsException if a last item is not in the catalogue
     */
    @Override
    public void scoreHistories(int[][] histories, float[] out) {
        Checks.outputLength(MarkovChainRecommender.ID, out, histories.length, numItems());
        for (int k = 0; k < histories.length; k++) {
            int[] h = histories[k];
            int last = h.length == 0 ? -1 : h[h.length - 1];
            if (last >= 0) {
                Checks.item(MarkovChainRecommender.ID, last, numItems());
            }
            row(last, out, k * numItems());
        }
    }

    /** Writes P(. | source) at out[base..base+numItems); all 0 for source -1. */
    private void row(int source, float[] out, int base) {
        int n = numItems();
        if (source < 0) {
            Arrays.fill(out, base, base + n, 0f);
            return;
        }
        double denom = totals[source] + (double) smoothing * n;
        if (denom == 0) {
            Arrays.fill(out, base, base + n, 0f);
            return;
        }
        float inv = (float) (1 / denom);
        Arrays.fill(out, base, base + n, smoothing * inv);
        for (int e = counts.offsets()[source]; e < counts.offsets()[source + 1]; e++) {
            out[base + counts.cols()[e]] = (counts.vals()[e] + smoothing) * inv;
        }
    }
}
