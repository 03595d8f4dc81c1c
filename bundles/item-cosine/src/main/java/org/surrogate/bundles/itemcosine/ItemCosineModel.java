package org.surrogate.bundles.itemcosine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.recommender.Model;

/**
 * A fitted item-cosine model: the training data (for the users' rows of X) and the item-item
 * similarity matrix S whose column j holds the weights of item j's neighbours. Scores are
 * {@code X[users] . S}, computed with ND4J in blocks. Neither field changes, so it is safe from
 * several threads.
 */
final class ItemCosineModel implements Model {

    private final Dataset train;
    private final INDArray similarity;
    private final int blockRows;

    ItemCosineModel(Dataset train, INDArray similarity, int blockRows) {
        this.train = train;
        this.similarity = similarity;
        this.blockRows = blockRows;
    }

    @Override
    public int numItems() {
        return train.numItems();
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
        int n = train.numItems();
        long needed = (long) users.length * n;
        if (out.length < needed) {
            throw new IllegalArgumentException("recommender '" + ItemCosineRecommender.ID + "': out holds "
                    + out.length + " scores, needs " + needed + " (" + users.length + " users x " + n + " items)");
        }
        for (int from = 0; from < users.length; from += blockRows) {
            int to = Math.min(users.length, from + blockRows);
            float[] scores = rowMajor(binaryRows(train, users, from, to).mmul(similarity, 'c'));
            System.arraycopy(scores, 0, out, from * n, scores.length);
        }
    }

    /**
     * The binary rows of X (1 where the user has any training interaction with the item) of
     * {@code users[from..to)}, as a dense 'c'-ordered float matrix.
     *
     * @param train the training data
     * @param users dense user ids
     * @param from  the first position in {@code users}
     * @param to    the position after the last
     * @return a (to - from) x numItems matrix
     * @throws IndexOutOfBoundsException if a user is not in the training data
     */
    static INDArray binaryRows(Dataset train, int[] users, int from, int to) {
        int n = train.numItems();
        float[] rows = new float[(to - from) * n];
        for (int k = from; k < to; k++) {
            int u = users[k];
            if (u < 0 || u >= train.numUsers()) {
                throw new IndexOutOfBoundsException("recommender '" + ItemCosineRecommender.ID + "': user " + u
                        + " is not in the training data (" + train.numUsers() + " users)");
            }
            for (int i = train.begin(u); i < train.end(u); i++) {
                rows[(k - from) * n + train.item(i)] = 1f;
            }
        }
        return Nd4j.create(rows, new long[] {to - from, n}, 'c');
    }

    /**
     * The similarity matrix, for tests.
     *
     * @return the matrix; do not change it
     */
    INDArray similarity() {
        return similarity;
    }

    /**
     * The values of a matrix in row-major order, as a new array.
     *
     * @param a the matrix
     * @return its values, row after row
     */
    static float[] rowMajor(INDArray a) {
        INDArray c = a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
        float[] values = c.data().asFloat();
        if (values.length != c.length()) {
            throw new IllegalStateException("ND4J buffer holds " + values.length + " values for a matrix of "
                    + c.length());
        }
        return values;
    }
}
