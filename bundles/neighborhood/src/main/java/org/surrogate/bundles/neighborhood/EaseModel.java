package org.surrogate.bundles.neighborhood;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.surrogate.api.recommender.Model;

/**
 * A fitted EASE model: the users' binary rows and the dense weight matrix B. Scores are
 * {@code X[users] . B}, ND4J matrix products in blocks. Neither field changes, so it is safe from
 * several threads.
 *
 * <p>Saved in {@link ModelFormat}: header ints users, items, user entries; then the users' binary
 * rows (offsets and items; the values are all 1 and not written) and B, row after row, as floats.
 * Reading B back needs {@code 4 * items^2} bytes of heap for a moment besides the ND4J copy.
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
     * Writes the model in the format described in the class comment.
     *
     * @param out the stream; not closed
     * @throws IOException if writing fails
     */
    @Override
    public void save(OutputStream out) throws IOException {
        int n = numItems();
        ModelFormat.Writer w = new ModelFormat.Writer(out, EaseRecommender.ID);
        w.writeInt(byUser.numRows()).writeInt(n).writeInt(byUser.cols().length).endHeader();
        ModelFormat.writeRows(w, byUser, false);
        for (int i = 0; i < n; i++) {
            w.writeFloats(weights.getRow(i).toFloatVector());
        }
        w.finish();
    }

    /**
     * Reads a model written by {@link #save}.
     *
     * @param in        the stream; not closed
     * @param blockRows users per block of the score products
     * @return the model
     * @throws IOException if the stream is unreadable, truncated, corrupt or not an EASE model
     */
    static EaseModel read(InputStream in, int blockRows) throws IOException {
        ModelFormat.Reader r = new ModelFormat.Reader(in, EaseRecommender.ID);
        int users = r.readCount("the number of users");
        int n = r.readCount("the number of items");
        int entries = r.readCount("the number of user entries");
        r.endHeader();
        if (n < 1 || n > EaseRecommender.MAX_ITEMS) {
            throw r.corrupt("it has " + n + " items, outside [1, " + EaseRecommender.MAX_ITEMS + "]");
        }
        SparseRows rows = ModelFormat.readRows(r, users, entries, false, "the user rows'");
        float[] b = r.readFloats(n * n, "the weight matrix");
        r.finish();
        ModelFormat.checkRows(r, rows, n, "the user rows'");
        return new EaseModel(rows, Nd4j.create(b, new long[] {n, n}, 'c'), blockRows);
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
