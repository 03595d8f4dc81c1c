package org.surrogate.bundles.sequential;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.surrogate.api.recommender.Model;

/**
 * A fitted FPMC model: {@code score(u, l, i) = <VUI_u, VIU_i> + <VIL_i, VLI_l>} with l the last item
 * of the user's (or history's) sequence. A user without items gets only the user-item term; a
 * history, which has no user, gets the mean training user factor in place of VUI_u, so its scores are
 * the transition term plus an item prior. Batches are scored with one ND4J matrix product of
 * {@code [VUI_u | VLI_l]} against {@code [VIU | VIL]}. Immutable, so safe from several threads.
 *
 * <p>Saved format after the {@link ModelIO} header: int users, int items, int factors, the last item
 * of every user (-1 for none) as ints, then VUI, VIU, VIL and VLI as float arrays.
 */
final class FpmcModel implements Model {

    /** Rows per matrix product, to bound temporary arrays. */
    static final int BLOCK_ROWS = 1024;

    private final int numUsers;
    private final int numItems;
    private final int factors;
    private final int[] lastItem;
    private final float[] vui;
    private final float[] viu;
    private final float[] vil;
    private final float[] vli;
    private final float[] meanUser;
    private final INDArray itemMatrix;

    /**
     * Wraps fitted factors (not copied).
     *
     * @param numUsers the number of users
     * @param numItems the number of items
     * @param factors  the number of factors
     * @param lastItem the last training item of every user, -1 for none
     * @param f        VUI, VIU, VIL, VLI, row-major
     */
    FpmcModel(int numUsers, int numItems, int factors, int[] lastItem, float[][] f) {
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.factors = factors;
        this.lastItem = lastItem;
        this.vui = f[0];
        this.viu = f[1];
        this.vil = f[2];
        this.vli = f[3];
        this.meanUser = new float[factors];
        for (int u = 0; u < numUsers; u++) {
            for (int a = 0; a < factors; a++) {
                meanUser[a] += vui[u * factors + a] / numUsers;
            }
        }
        float[] items = new float[numItems * 2 * factors];
        for (int i = 0; i < numItems; i++) {
            System.arraycopy(viu, i * factors, items, i * 2 * factors, factors);
            System.arraycopy(vil, i * factors, items, i * 2 * factors + factors, factors);
        }
        this.itemMatrix = Nd4j.create(items, new long[] {numItems, 2L * factors}, 'c');
    }

    @Override
    public int numItems() {
        return numItems;
    }

    /**
     * Scores every item for training users, from each user's factor and last training item.
     *
     * @param users dense user ids of the training data
     * @param out   receives {@code users.length * numItems()} scores, row-major
     * @throws IllegalArgumentException if {@code out} is too short
     * @throws IndexOutOfBoundsException if a user is not in the training data
     */
    @Override
    public void score(int[] users, float[] out) {
        Sequences.outputLength(FpmcRecommender.ID, out, users.length, numItems);
        float[] rows = new float[users.length * 2 * factors];
        for (int k = 0; k < users.length; k++) {
            Sequences.user(FpmcRecommender.ID, users[k], numUsers);
            System.arraycopy(vui, users[k] * factors, rows, k * 2 * factors, factors);
            copyLast(lastItem[users[k]], rows, k * 2 * factors + factors);
        }
        multiply(rows, users.length, out);
    }

    /**
     * Scores every item for histories: the mean user factor and the history's last item.
     *
     * @param histories item sequences, oldest first; an empty one gets the user-item prior only
     * @param out       receives {@code histories.length * numItems()} scores
     * @throws IllegalArgumentException if {@code out} is too short
     * @throws IndexOutOfBoundsException if a last item is not in the catalogue
     */
    @Override
    public void scoreHistories(int[][] histories, float[] out) {
        Sequences.outputLength(FpmcRecommender.ID, out, histories.length, numItems);
        float[] rows = new float[histories.length * 2 * factors];
        for (int k = 0; k < histories.length; k++) {
            int[] h = histories[k];
            int last = h.length == 0 ? -1 : h[h.length - 1];
            if (last >= 0) {
                Sequences.item(FpmcRecommender.ID, last, numItems);
            }
            System.arraycopy(meanUser, 0, rows, k * 2 * factors, factors);
            copyLast(last, rows, k * 2 * factors + factors);
        }
        multiply(rows, histories.length, out);
    }

    private void copyLast(int last, float[] rows, int at) {
        if (last >= 0) {
            System.arraycopy(vli, last * factors, rows, at, factors);
        }
    }

    private void multiply(float[] rows, int count, float[] out) {
        int width = 2 * factors;
        for (int from = 0; from < count; from += BLOCK_ROWS) {
            int to = Math.min(count, from + BLOCK_ROWS);
            float[] block = java.util.Arrays.copyOfRange(rows, from * width, to * width);
            INDArray a = Nd4j.create(block, new long[] {to - from, width}, 'c');
            INDArray scores = Nd4j.gemm(a, itemMatrix, false, true);
            INDArray c = scores.ordering() == 'c' && !scores.isView() ? scores : scores.dup('c');
            System.arraycopy(c.data().asFloat(), 0, out, from * numItems, (to - from) * numItems);
        }
    }

    /**
     * Writes the model in the format of the class comment.
     *
     * @param out the stream; not closed
     * @throws IOException if writing fails
     */
    @Override
    public void save(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        ModelIO.writeHeader(data, FpmcRecommender.ID);
        data.writeInt(numUsers);
        data.writeInt(numItems);
        data.writeInt(factors);
        for (int last : lastItem) {
            data.writeInt(last);
        }
        ModelIO.writeFloats(data, vui);
        ModelIO.writeFloats(data, viu);
        ModelIO.writeFloats(data, vil);
        ModelIO.writeFloats(data, vli);
        data.flush();
    }

    /**
     * Reads a model written by {@link #save}.
     *
     * @param in the stream; not closed
     * @return the model
     * @throws IOException if the stream is unreadable, truncated or not an FPMC model
     */
    static FpmcModel read(InputStream in) throws IOException {
        String id = FpmcRecommender.ID;
        DataInputStream data = new DataInputStream(in);
        ModelIO.readHeader(data, id);
        int users = data.readInt();
        int items = data.readInt();
        int factors = data.readInt();
        if (users < 0 || items < 1 || factors < 1 || (long) Math.max(users, items) * factors * 2 > Integer.MAX_VALUE - 8) {
            throw new IOException("recommender '" + id + "': saved model has invalid dimensions " + users
                    + " users x " + items + " items x " + factors + " factors");
        }
        int[] last = new int[users];
        for (int u = 0; u < users; u++) {
            last[u] = data.readInt();
            if (last[u] < -1 || last[u] >= items) {
                throw new IOException("recommender '" + id + "': saved last item " + last[u] + " of user " + u
                        + " is not in [-1, " + items + ")");
            }
        }
        float[][] f = {
            ModelIO.readFloats(data, id, "VUI", (long) users * factors),
            ModelIO.readFloats(data, id, "VIU", (long) items * factors),
            ModelIO.readFloats(data, id, "VIL", (long) items * factors),
            ModelIO.readFloats(data, id, "VLI", (long) items * factors)};
        return new FpmcModel(users, items, factors, last, f);
    }
}
