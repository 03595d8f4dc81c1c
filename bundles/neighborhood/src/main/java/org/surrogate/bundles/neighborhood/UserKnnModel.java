package org.surrogate.bundles.neighborhood;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.surrogate.api.recommender.Model;

/**
 * A fitted user-kNN model: the users' rows and every user's kept neighbours. Scoring a user adds
 * the rows of its neighbours weighted by similarity. Read-only, so safe from several threads.
 *
 * <p>Saved in {@link ModelFormat}: header ints users, items, user entries, whether values follow
 * (0 or 1: binary rows are all 1 and are not written), kept neighbours; then the users' rows
 * (offsets, items, values if any) and the users' neighbours (offsets, ids, similarities).
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
     * Writes the model in the format described in the class comment.
     *
     * @param out the stream; not closed
     * @throws IOException if writing fails
     */
    @Override
    public void save(OutputStream out) throws IOException {
        ModelFormat.writeKnn(out, UserKnnRecommender.ID, byUser, numItems, neighbors);
    }

    /**
     * Reads a model written by {@link #save}.
     *
     * @param in the stream; not closed
     * @return the model
     * @throws IOException if the stream is unreadable, truncated, corrupt or not a user-knn model
     */
    static UserKnnModel read(InputStream in) throws IOException {
        ModelFormat.KnnParts p = ModelFormat.readKnn(in, UserKnnRecommender.ID, false);
        return new UserKnnModel(p.rows(), p.neighbors(), p.numItems());
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
