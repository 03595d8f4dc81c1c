package org.surrogate.bundles.neighborhood;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.surrogate.api.recommender.Model;

/**
 * A fitted item-kNN model: the users' rows and every item's kept neighbours. Scoring a user
 * scatters the neighbours of each of the user's items into the output row, costing the user's
 * degree times the neighbourhood size. Read-only, so safe from several threads.
 *
 * <p>Saved in {@link ModelFormat}: header ints users, items, user entries, whether values follow
 * (0 or 1: binary rows are all 1 and are not written), kept neighbours; then the users' rows
 * (offsets, items, values if any) and the neighbours (offsets, ids, similarities).
 */
final class ItemKnnModel implements Model {

    private final SparseRows byUser;
    private final Neighbors neighbors;

    ItemKnnModel(SparseRows byUser, Neighbors neighbors) {
        this.byUser = byUser;
        this.neighbors = neighbors;
    }

    @Override
    public int numItems() {
        return neighbors.size();
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
        int n = numItems();
        Checks.outputLength(ItemKnnRecommender.ID, out, users.length, n);
        for (int k = 0; k < users.length; k++) {
            int u = users[k];
            Checks.user(ItemKnnRecommender.ID, u, byUser.numRows());
            int base = k * n;
            Arrays.fill(out, base, base + n, 0f);
            for (int e = byUser.offsets()[u]; e < byUser.offsets()[u + 1]; e++) {
                addNeighbors(byUser.cols()[e], byUser.vals()[e], out, base);
            }
        }
    }

    /**
     * Scores every item for histories (users not seen in training): the history is a binary row.
     *
     * @param histories item sequences
     * @param out       receives {@code histories.length * numItems()} scores
     * @throws IllegalArgumentException if {@code out} is too short
     * @throws IndexOutOfBoundsException if an item is not in the catalogue
     */
    @Override
    public void scoreHistories(int[][] histories, float[] out) {
        int n = numItems();
        Checks.outputLength(ItemKnnRecommender.ID, out, histories.length, n);
        for (int k = 0; k < histories.length; k++) {
            int base = k * n;
            Arrays.fill(out, base, base + n, 0f);
            int[] items = histories[k].clone();
            Arrays.sort(items);
            for (int t = 0; t < items.length; t++) {
                Checks.item(ItemKnnRecommender.ID, items[t], n);
                if (t == 0 || items[t] != items[t - 1]) {
                    addNeighbors(items[t], 1f, out, base);
                }
            }
        }
    }

    private void addNeighbors(int item, float weight, float[] out, int base) {
        int[] ids = neighbors.ids();
        float[] sims = neighbors.sims();
        for (int m = neighbors.offsets()[item]; m < neighbors.offsets()[item + 1]; m++) {
            out[base + ids[m]] += weight * sims[m];
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
        ModelFormat.writeKnn(out, ItemKnnRecommender.ID, byUser, numItems(), neighbors);
    }

    /**
     * Reads a model written by {@link #save}.
     *
     * @param in the stream; not closed
     * @return the model
     * @throws IOException if the stream is unreadable, truncated, corrupt or not an item-knn model
     */
    static ItemKnnModel read(InputStream in) throws IOException {
        ModelFormat.KnnParts p = ModelFormat.readKnn(in, ItemKnnRecommender.ID, true);
        return new ItemKnnModel(p.rows(), p.neighbors());
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
