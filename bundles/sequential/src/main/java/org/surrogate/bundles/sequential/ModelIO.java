package org.surrogate.bundles.sequential;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The binary format shared by the saved models of this bundle (big-endian, {@link DataOutputStream}):
 * int magic {@value #MAGIC_HEX} ("SRSQ"), int format version {@value #VERSION}, the recommender id
 * (modified UTF-8), then the model's own fields. Float and int arrays are written as their length
 * followed by the values.
 */
final class ModelIO {

    /** The first four bytes of a saved model. */
    static final int MAGIC = 0x53525351;
    /** The magic as text, for messages and javadoc. */
    static final String MAGIC_HEX = "0x53525351";
    /** The format version written and read. */
    static final int VERSION = 1;
    private static final int CHUNK = 8192;

    private ModelIO() {
    }

    /**
     * Writes the header.
     *
     * @param out the stream
     * @param id  the recommender id
     * @throws IOException if writing fails
     */
    static void writeHeader(DataOutputStream out, String id) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(id);
    }

    /**
     * Reads and checks the header.
     *
     * @param in the stream
     * @param id the recommender that must have written it
     * @throws IOException if it is not a model of this bundle, of this version and of {@code id}
     */
    static void readHeader(DataInputStream in, String id) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException("recommender '" + id + "': not a saved sequential model (magic 0x"
                    + Integer.toHexString(magic) + ", expected " + MAGIC_HEX + ")");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("recommender '" + id + "': saved model has format version " + version
                    + ", this bundle reads version " + VERSION);
        }
        String written = in.readUTF();
        if (!written.equals(id)) {
            throw new IOException("recommender '" + id + "': saved model was written by recommender '" + written
                    + "'; load it with that recommender");
        }
    }

    /**
     * Writes a float array with its length.
     *
     * @param out    the stream
     * @param values the values
     * @throws IOException if writing fails
     */
    static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(4 * CHUNK);
        for (int from = 0; from < values.length; from += CHUNK) {
            int n = Math.min(CHUNK, values.length - from);
            buffer.clear();
            buffer.asFloatBuffer().put(values, from, n);
            out.write(buffer.array(), 0, 4 * n);
        }
    }

    /**
     * Reads a float array written by {@link #writeFloats}, checking its length.
     *
     * @param in       the stream
     * @param id       the recommender, for messages
     * @param what     what the array is, for messages
     * @param expected the expected length
     * @return the values
     * @throws IOException if the stream fails, is truncated or the length differs
     */
    static float[] readFloats(DataInputStream in, String id, String what, long expected) throws IOException {
        int n = in.readInt();
        if (n != expected) {
            throw new IOException("recommender '" + id + "': saved " + what + " has " + n + " values, expected "
                    + expected);
        }
        float[] values = new float[n];
        byte[] bytes = new byte[4 * CHUNK];
        for (int from = 0; from < n; from += CHUNK) {
            int k = Math.min(CHUNK, n - from);
            in.readFully(bytes, 0, 4 * k);
            ByteBuffer.wrap(bytes, 0, 4 * k).asFloatBuffer().get(values, from, k);
        }
        return values;
    }

    /**
     * Writes the users' histories: the number of users, then each history's length and items.
     *
     * @param out       the stream
     * @param histories one array per user
     * @throws IOException if writing fails
     */
    static void writeHistories(DataOutputStream out, int[][] histories) throws IOException {
        out.writeInt(histories.length);
        for (int[] h : histories) {
            out.writeInt(h.length);
            for (int item : h) {
                out.writeInt(item);
            }
        }
    }

    /**
     * Reads histories written by {@link #writeHistories}, checking every item id.
     *
     * @param in        the stream
     * @param id        the recommender, for messages
     * @param numItems  the number of items
     * @param maxLength the longest history allowed
     * @return one array per user
     * @throws IOException if the stream fails or holds an invalid length or item
     */
    static int[][] readHistories(DataInputStream in, String id, int numItems, int maxLength) throws IOException {
        int users = in.readInt();
        if (users < 0) {
            throw new IOException("recommender '" + id + "': saved model has " + users + " users");
        }
        int[][] out = new int[users][];
        for (int u = 0; u < users; u++) {
            int n = in.readInt();
            if (n < 0 || n > maxLength) {
                throw new IOException("recommender '" + id + "': saved history of user " + u + " has length " + n
                        + ", expected [0, " + maxLength + "]");
            }
            out[u] = new int[n];
            for (int k = 0; k < n; k++) {
                int item = in.readInt();
                if (item < 0 || item >= numItems) {
                    throw new IOException("recommender '" + id + "': saved history of user " + u + " has item "
                            + item + ", expected [0, " + numItems + ")");
                }
                out[u][k] = item;
            }
        }
        return out;
    }
}
