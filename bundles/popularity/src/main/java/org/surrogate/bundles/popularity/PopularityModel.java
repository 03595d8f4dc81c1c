package org.surrogate.bundles.popularity;

import org.surrogate.api.recommender.Model;

/**
 * A fitted popularity model: one count per item, the same row for every user and every history.
 * Immutable, so safe from several threads.
 */
final class PopularityModel implements Model {

    private final float[] counts;

    PopularityModel(float[] counts) {
        this.counts = counts;
    }

    @Override
    public int numItems() {
        return counts.length;
    }

    /**
     * Fills each row with the item counts.
     *
     * @param users dense user ids (their identity does not matter)
     * @param out   receives {@code users.length * numItems()} scores
     * @throws IllegalArgumentException if {@code out} is too short
     */
    @Override
    public void score(int[] users, float[] out) {
        fill(users.length, out);
    }

    /**
     * Fills each row with the item counts: popularity ignores the history.
     *
     * @param histories item sequences (ignored)
     * @param out       receives {@code histories.length * numItems()} scores
     * @throws IllegalArgumentException if {@code out} is too short
     */
    @Override
    public void scoreHistories(int[][] histories, float[] out) {
        fill(histories.length, out);
    }

    private void fill(int rows, float[] out) {
        long needed = (long) rows * counts.length;
        if (out.length < needed) {
            throw new IllegalArgumentException("recommender '" + PopularityRecommender.ID + "': out holds "
                    + out.length + " scores, needs " + needed + " (" + rows + " rows x " + counts.length
                    + " items)");
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(counts, 0, out, r * counts.length, counts.length);
        }
    }
}
