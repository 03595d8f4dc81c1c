package org.surrogate.bundles.neighborhood;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.surrogate.api.recommender.Model;

/**
 * A fitted EASE model: the users' binary rows and the dense weight matrix B. Scores are
 * {@code X[users] . B}, ND4J matrix products in blocks. Neither field changes, so it is safe from
 * several threads.
 */
final class EaseModel implements Model {

    private final SparseRows byUser;
    private final INDArray weights;
    private final int blockRows;

    EaseModel(SparseRows byUser, INDArray weights, int blockRows) {
        this.byUser = byUser;
        this.weights = weights;
        this.blockRows = blockRows;
    }

    @Override
    public int numItems() {
        return (int) weights.columns();
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
        Checks.outputLength(EaseRecommender.ID, out, users.length, n);
        for (int from = 0; from < users.length; from += blockRows) {
            int to = Math.min(users.length, from + blockRows);
            float[] rows = new float[(to - from) * n];
            for (int k = from; k < to; k++) {
                int u = users[k];
                Checks.user(EaseRecommender.ID, u, byUser.numRows());
                for (int e = byUser.offsets()[u]; e < byUser.offsets()[u + 1]; e++) {
                    rows[(k - from) * n + byUser.cols()[e]] = 1f;
                }
            }
            INDArray x = Nd4j.create(rows, new long[] {to - from, n}, 'c');
            INDArray s = x.mmul(weights, 'c');
            float[] values = s.data().asFloat();
            System.arraycopy(values, 0, out, from * n, (to - from) * n);
        }
    }

    /**
     * The weight matrix, for tests.
     *
     * @return B; do not change it
     */
    INDArray weights() {
        return weights;
    }
}
