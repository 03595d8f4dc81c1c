package org.surrogate.bundles.neighborhood;

import java.util.Arrays;
import org.surrogate.api.recommender.Model;

/**
 * A fitted user-kNN model: the users' rows and every user's kept neighbours. Scoring a user adds
 * the rows of its neighbours weighted by similarity. Read-only, so safe from several threads.
 */
final class UserKnnModel implements Model {

    private final SparseRows byUser;
    private final Neighbors neighbors;
    private final int numItems;

    UserKnnModel(SparseRows byUser, Neighbors neighbors, int numItems) {
        this.byUser = byUser;
        this.neighbors = neighbors;
        this.numItems = numItems;
    }

    @Override
    public int numItems() {
        return numItems;
    }

    /**
     * Scores every item for a batch of training users.
     *
     * @param users dense user ids of the training data
     * @param out   receives {@code users.length * numItems()} scores
     * @throws IllegalArgumentException if {@code out} is too short
     * @throws IndexOutOfBoundsException if a user is not in the training data
     */
    @Override
    public void score(int[] users, float[] out) {
        Checks.outputLength(UserKnnRecommender.ID, out, users.length, numItems);
        int[] ro = byUser.offsets();
        for (int k = 0; k < users.length; k++) {
            int u = users[k];
            Checks.user(UserKnnRecommender.ID, u, byUser.numRows());
            int base = k * numItems;
            Arrays.fill(out, base, base + numItems, 0f);
            for (int m = neighbors.offsets()[u]; m < neighbors.offsets()[u + 1]; m++) {
                int v = neighbors.ids()[m];
                float s = neighbors.sims()[m];
                for (int e = ro[v]; e < ro[v + 1]; e++) {
                    out[base + byUser.cols()[e]] += s * byUser.vals()[e];
                }
            }
        }
    }

    /**
     * The kept neighbours, for tests.
     *
     * @return the neighbours; do not change them
     */
    Neighbors neighbors() {
        return neighbors;
    }
}
