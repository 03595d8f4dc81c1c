package org.surrogate.bundles.matrixfactorization;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.surrogate.api.recommender.Model;

/**
 * A fitted matrix factorization model: a user factor matrix and an item factor matrix, both
 * row-major float arrays; the score of item i for user u is the dot product of their rows. Batches
 * of users are scored with one ND4J matrix product per block. Nothing changes after construction,
 * so it is safe from several threads.
 *
 * <p>Saved format (big-endian): int magic {@value #MAGIC_HEX}, int version {@value #VERSION}, the
 * recommender id (modified UTF-8), int users, int items, int factors, then the user factors and the
 * item factors as floats, row after row. A stream that ends early is reported as truncated, naming
 * the part it ended in. The format has no checksum: damage inside the factors is not detected.
 */
final class FactorModel implements Model {

    /** The first four bytes of a saved model, "SRMF". */
    static final int MAGIC = 0x53524D46;
    /** The magic number as text, for the javadoc. */
    static final String MAGIC_HEX = "0x53524D46";
    /** The format version written. */
    static final int VERSION = 1;
    /** Users per matrix product when scoring, to bound the temporary arrays. */
    static final int BLOCK_USERS = 1024;

    private final String id;
    private final int numUsers;
    private final int numItems;
    private final int factors;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final INDArray items;

    /**
     * Wraps factor matrices (not copied; the caller must not change them afterwards).
     *
     * @param id          the recommender id, for messages and the saved format
     * @param numUsers    the number of users
     * @param numItems    the number of items
     * @param factors     the number of factors
     * @param userFactors numUsers x factors, row-major
     * @param itemFactors numItems x factors, row-major
     * @throws IllegalArgumentException if the arrays do not match the dimensions
     */
    FactorModel(String id, int numUsers, int numItems, int factors, float[] userFactors, float[] itemFactors) {
        if ((long) numUsers * factors != userFactors.length || (long) numItems * factors != itemFactors.length) {
            throw new IllegalArgumentException("recommender '" + id + "': factor arrays of " + userFactors.length
                    + " and " + itemFactors.length + " values do not match " + numUsers + " users, " + numItems
                    + " items and " + factors + " factors");
        }
        this.id = id;
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.factors = factors;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.items = Nd4j.create(itemFactors, new long[] {numItems, factors}, 'c');
    }

    @Override
    public int numItems() {
        return numItems;
    }

    /**
     * The number of users.
     *
     * @return the count
     */
    int numUsers() {
        return numUsers;
    }

    /**
     * Scores every item for a batch of training users: the users' factor rows times the item
     * factors transposed, with ND4J.
     *
     * @param users dense user ids of the training data
     * @param out   receives {@code users.length * numItems()} scores, row-major
     * @throws IllegalArgumentException if {@code out} is too short
     * @throws IndexOutOfBoundsException if a user is not in the training data
     */
    @Override
    public void score(int[] users, float[] out) {
        long needed = (long) users.length * numItems;
        if (out.length < needed) {
            throw new IllegalArgumentException("recommender '" + id + "': out holds " + out.length + " scores, needs "
                    + needed + " (" + users.length + " users x " + numItems + " items)");
        }
        for (int from = 0; from < users.length; from += BLOCK_USERS) {
            int to = Math.min(users.length, from + BLOCK_USERS);
            INDArray batch = Nd4j.create(userRows(users, from, to), new long[] {to - from, factors}, 'c');
            INDArray scores = Nd4j.gemm(batch, items, false, true);
            INDArray c = scores.ordering() == 'c' && !scores.isView() ? scores : scores.dup('c');
            float[] values = c.data().asFloat();
            System.arraycopy(values, 0, out, from * numItems, (to - from) * numItems);
        }
    }

    private float[] userRows(int[] users, int from, int to) {
        float[] rows = new float[(to - from) * factors];
        for (int k = from; k < to; k++) {
            int u = users[k];
            if (u < 0 || u >= numUsers) {
                throw new IndexOutOfBoundsException("recommender '" + id + "': user " + u
                        + " is not in the training data (" + numUsers + " users)");
            }
            System.arraycopy(userFactors, u * factors, rows, (k - from) * factors, factors);
        }
        return rows;
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
        data.writeUTF(id);
        data.writeInt(numUsers);
        data.writeInt(numItems);
        data.writeInt(factors);
        writeFloats(data, userFactors);
        writeFloats(data, itemFactors);
        data.flush();
    }

    private static void writeFloats(DataOutputStream data, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 * 8192);
        for (int from = 0; from < values.length; from += 8192) {
            int to = Math.min(values.length, from + 8192);
            buffer.clear();
            buffer.asFloatBuffer().put(values, from, to - from);
            data.write(buffer.array(), 0, 4 * (to - from));
        }
    }

    /**
     * Reads a model written by {@link #save}.
     *
     * @param in the stream; not closed
     * @param id the id of the recommender that must have written it
     * @return the model
     * @throws IOException if the stream cannot be read, is truncated, or is not a model of {@code id}
     */
    static FactorModel read(InputStream in, String id) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int magic;
        try {
            magic = data.readInt();
        } catch (EOFException e) {
            throw new IOException("recommender '" + id + "': the stream is empty or shorter than the 4-byte magic "
                    + "header of a saved model", e);
        }
        if (magic != MAGIC) {
            throw new IOException("recommender '" + id + "': not a saved matrix factorization model (magic 0x"
                    + Integer.toHexString(magic) + ", expected " + MAGIC_HEX + ")");
        }
        try {
            int version = data.readInt();
            if (version != VERSION) {
                throw new IOException("recommender '" + id + "': saved model has format version " + version
                        + ", this bundle reads version " + VERSION);
            }
            String written;
            try {
                written = data.readUTF();
            } catch (UTFDataFormatException e) {
                throw new IOException("recommender '" + id + "': saved model is corrupt: the recommender id is not "
                        + "valid modified UTF-8", e);
            }
            if (!written.equals(id)) {
                throw new IOException("recommender '" + id + "': saved model was written by recommender '" + written
                        + "'; load it with that recommender");
            }
            int users = data.readInt();
            int items = data.readInt();
            int factors = data.readInt();
            if (users < 0 || items < 0 || factors < 1 || (long) users * factors > Integer.MAX_VALUE - 8
                    || (long) items * factors > Integer.MAX_VALUE - 8) {
                throw new IOException("recommender '" + id + "': saved model has invalid dimensions " + users
                        + " users x " + items + " items x " + factors + " factors");
            }
            float[] u = readFloats(data, users * factors, id, "the user factors");
            float[] v = readFloats(data, items * factors, id, "the item factors");
            return new FactorModel(id, users, items, factors, u, v);
        } catch (EOFException e) {
            throw new IOException("recommender '" + id + "': saved model is truncated: the stream ended in its header",
                    e);
        }
    }

    private static float[] readFloats(DataInputStream data, int count, String id, String what) throws IOException {
        float[] values = new float[count];
        byte[] bytes = new byte[4 * 8192];
        for (int from = 0; from < count; from += 8192) {
            int n = Math.min(count - from, 8192);
            try {
                data.readFully(bytes, 0, 4 * n);
            } catch (EOFException e) {
                throw new IOException("recommender '" + id + "': saved model is truncated: the stream ended while "
                        + "reading " + what + " (" + count + " values)", e);
            }
            ByteBuffer.wrap(bytes, 0, 4 * n).asFloatBuffer().get(values, from, n);
        }
        return values;
    }
}
