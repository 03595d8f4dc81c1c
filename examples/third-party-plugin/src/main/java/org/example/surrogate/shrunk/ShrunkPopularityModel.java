package org.example.surrogate.shrunk;

import org.surrogate.api.recommender.Model;

/**
 * A fitted shrunk-popularity model: one score per item, the same for every user and every history.
 * Immutable, so safe to call from several threads at once.
 */
final class ShrunkPopularityModel implements Model {

    private final float[] scores;

    /**
     * Creates the model.
     *
     * @param scores one score per item; copied
     */
    ShrunkPopularityModel(float[] scores) {
        this.scores = scores.clone();
    }

    @Override
    public int numItems() {
        return scores.length;
    }

    @Override
    public void score(int[] users, float[] out) {
        fillRows(users.length, out);
    }

    /** Popularity ignores who asks, so a history, even of an unknown user, scores like a known user. */
    @Override
    public void scoreHistories(int[][] histories, float[] out) {
        fillRows(histories.length, out);
    }

    private void fillRows(int rows, float[] out) {
        int n = scores.length;
        if (out.length < (long) rows * n) {
            throw new IllegalArgumentException("out has " + out.length + " values, needs " + rows + " rows x "
                    + n + " items = " + (long) rows * n);
        }
        for (int row = 0; row < rows; row++) {
            System.arraycopy(scores, 0, out, row * n, n);
        }
    }
}
