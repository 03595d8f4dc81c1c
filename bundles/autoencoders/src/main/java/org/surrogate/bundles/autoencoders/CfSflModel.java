package org.surrogate.bundles.autoencoders;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.surrogate.api.recommender.Model;

/**
 * A fitted CF-SFL model with T &ge; 1 feedback steps: a user is scored by folding in their history
 * (as Mult-VAE: binary row normalised to unit L2 norm) and unrolling the recommender and the virtual
 * user T steps with the latent mean (no sampling); the scores are the last step's logits. Read-only
 * after construction, so safe from several threads. Its virtual user is {@link #virtualUser()}.
 *
 * <p>Saved format (big-endian): int magic {@value #MAGIC_HEX} ("SRSF"), int version {@value #VERSION},
 * the recommender id (modified UTF-8), int T, int hidden encoder layers, int decoder layers, int
 * arrays, then per array its name (modified UTF-8), int rows, int columns (biases are 1 x n) and
 * the values as floats, row-major; then int rows, the {@code rows + 1} row offsets and the items of
 * the training rows as ints. A T = 0 model is a plain Mult-VAE and is saved in Mult-VAE's format
 * ({@link AutoencoderModel}); {@link CfSflRecommender#load} reads both.
 */
final class CfSflModel implements Model {

    /** The first four bytes of a saved model, "SRSF". */
    static final int MAGIC = 0x53525346;
    /** The magic number as text, for the javadoc. */
    static final String MAGIC_HEX = "0x53525346";
    /** The format version written. */
    static final int VERSION = 1;

    private final CfSflNet net;
    private final int steps;
    private final InteractionRows trainRows;

    /**
     * Wraps a trained net.
     *
     * @param net       the trained arrays
     * @param steps     the feedback steps T
     * @param trainRows the training users' rows
     */
    CfSflModel(CfSflNet net, int steps, InteractionRows trainRows) {
        this.net = net;
        this.steps = steps;
        this.trainRows = trainRows;
    }

    /**
     * The trained network (not a copy: do not change).
     *
     * @return the net
     */
    CfSflNet net() {
        return net;
    }

    /**
     * The feedback steps T.
     *
     * @return T, at least 1
     */
    int steps() {
        return steps;
    }

    /**
     * The training users' rows (not a copy: do not change).
     *
     * @return the rows
     */
    InteractionRows trainRows() {
        return trainRows;
    }

    /**
     * The virtual user of this model (reward estimator and feedback generator) on its own.
     *
     * @return a view sharing this model's arrays
     */
    VirtualUser virtualUser() {
        return new VirtualUser(net);
    }

    @Override
    public int numItems() {
        return net.numItems;
    }

    /**
     * Scores training users from their training rows.
     *
     * @param users dense user ids of the training data
     * @param out   receives {@code users.length * numItems()} scores, row-major
     * @throws IndexOutOfBoundsException if a user is not in the training data
     */
    @Override
    public void score(int[] users, float[] out) {
        for (int u : users) {
            if (u < 0 || u >= trainRows.numRows()) {
                throw new IndexOutOfBoundsException("recommender '" + CfSflRecommender.ID + "': user " + u
                        + " is not in the training data; score new users with scoreHistories");
            }
        }
        forward(trainRows, users, out);
    }

    /**
     * Scores histories by folding them in.
     *
     * @param histories item ids of each history
     * @param out       receives {@code histories.length * numItems()} scores, row-major
     */
    @Override
    public void scoreHistories(int[][] histories, float[] out) {
        InteractionRows rows = InteractionRows.of(histories, net.numItems, CfSflRecommender.ID);
        int[] all = new int[histories.length];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
        }
        forward(rows, all, out);
    }

    private void forward(InteractionRows rows, int[] which, float[] out) {
        int items = net.numItems;
        if (out.length < (long) which.length * items) {
            throw new IllegalArgumentException("recommender '" + CfSflRecommender.ID + "': out holds " + out.length
                    + " scores, needs " + (long) which.length * items);
        }
        for (int from = 0; from < which.length; from += AutoencoderModel.BLOCK_ROWS) {
            int to = Math.min(which.length, from + AutoencoderModel.BLOCK_ROWS);
            int n = to - from;
            float[] x = new float[n * items];
            rows.normalised(which, from, to, 0, null, x);
            float[] binary = new float[n * items];
            rows.binary(which, from, to, binary);
            for (int r = 0; r < n; r++) {
                float count = 0;
                for (int i = 0; i < items; i++) {
                    count += binary[r * items + i];
                }
                for (int i = 0; count > 0 && i < items; i++) {
                    binary[r * items + i] /= count;
                }
            }
            INDArray logits = net.scoreLogits(Nd4j.create(x, new long[] {n, items}, 'c'),
                    Nd4j.create(binary, new long[] {n, items}, 'c'), steps);
            float[] values = logits.dup('c').data().asFloat();
            System.arraycopy(values, 0, out, from * items, n * items);
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
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeUTF(CfSflRecommender.ID);
        data.writeInt(steps);
        data.writeInt(net.hiddenEncoder);
        data.writeInt(net.decoders);
        data.writeInt(net.arrays.size());
        for (Map.Entry<String, INDArray> e : net.arrays.entrySet()) {
            INDArray a = e.getValue();
            data.writeUTF(e.getKey());
            data.writeInt(a.rank());
            for (long d : a.shape()) {
                data.writeInt((int) d);
            }
            AutoencoderModel.writeFloats(data, a.dup('c').data().asFloat());
        }
        data.writeInt(trainRows.numRows());
        AutoencoderModel.writeInts(data, trainRows.offsets());
        AutoencoderModel.writeInts(data, trainRows.items());
        data.flush();
    }

    /**
     * Reads a model written by {@link #save}, after its magic number was read.
     *
     * @param data the stream, positioned after the magic number; not closed
     * @return the model
     * @throws IOException if the stream is truncated or not a consistent CF-SFL model
     */
    static CfSflModel readAfterMagic(DataInputStream data) throws IOException {
        String owner = "recommender '" + CfSflRecommender.ID + "'";
        int version = data.readInt();
        if (version != VERSION) {
            throw new IOException(owner + ": saved model has format version " + version + ", this bundle reads "
                    + "version " + VERSION);
        }
        String written = data.readUTF();
        if (!written.equals(CfSflRecommender.ID)) {
            throw new IOException(owner + ": saved model was written by recommender '" + written + "'");
        }
        int steps = data.readInt();
        int hidden = data.readInt();
        int decoders = data.readInt();
        int count = data.readInt();
        if (steps < 1 || hidden < 1 || decoders < 1 || count < 1 || count > 1000) {
            throw new IOException(owner + ": saved model has invalid dimensions: T " + steps + ", " + hidden
                    + " hidden encoder layers, " + decoders + " decoder layers, " + count + " arrays");
        }
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (int k = 0; k < count; k++) {
            String name = data.readUTF();
            int rank = data.readInt();
            if (rank < 1 || rank > 2) {
                throw new IOException(owner + ": saved array '" + name + "' has rank " + rank + ", expected 1 or 2");
            }
            long[] shape = new long[rank];
            long size = 1;
            for (int d = 0; d < rank; d++) {
                shape[d] = data.readInt();
                size *= shape[d];
                if (shape[d] < 1 || size > Integer.MAX_VALUE - 8) {
                    throw new IOException(owner + ": saved array '" + name + "' has an invalid shape");
                }
            }
            arrays.put(name, Nd4j.create(AutoencoderModel.readFloats(data, (int) size), shape, 'c'));
        }
        int rows = data.readInt();
        if (rows < 0 || rows == Integer.MAX_VALUE) {
            throw new IOException(owner + ": saved model has " + rows + " training rows");
        }
        int[] offsets = AutoencoderModel.readInts(data, rows + 1);
        int total = offsets[rows];
        if (total < 0) {
            throw new IOException(owner + ": saved training rows are corrupt");
        }
        int[] items = AutoencoderModel.readInts(data, total);
        try {
            CfSflNet net = new CfSflNet(arrays, hidden, decoders);
            return new CfSflModel(net, steps, InteractionRows.wrap(net.numItems, offsets, items));
        } catch (IllegalArgumentException e) {
            throw new IOException(owner + ": saved model is inconsistent: " + e.getMessage(), e);
        }
    }
}
