package org.surrogate.bundles.autoencoders;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.surrogate.api.recommender.Model;

/**
 * A fitted Mult-VAE or Mult-DAE: the dense layers applied at scoring time and the training users'
 * rows. A user is scored by folding in a history: its distinct items make a binary row, normalised to
 * unit L2 norm, passed through the encoder to the mean of the latent code (Mult-VAE, no sampling) or
 * the code (Mult-DAE) and through the decoder; the scores are the decoder's logits, which rank items
 * as the multinomial probabilities do. {@link #score} folds in a training user's training row,
 * {@link #scoreHistories} any history, so users not seen in training are scored the same way.
 * Nothing changes after construction, so it is safe from several threads.
 *
 * <p>Saved format (big-endian): int magic {@value #MAGIC_HEX}, int version {@value #VERSION}, the
 * recommender id (modified UTF-8), int items, int layers, then per layer int in, int out, boolean
 * tanh, the {@code in x out} weights row-major and the {@code out} biases as floats; then int rows,
 * the {@code rows + 1} row offsets and the items of the training rows as ints.
 */
final class AutoencoderModel implements Model {

    /** The first four bytes of a saved model, "SRAE". */
    static final int MAGIC = 0x53524145;
    /** The magic number as text, for the javadoc. */
    static final String MAGIC_HEX = "0x53524145";
    /** The format version written. */
    static final int VERSION = 1;
    /** Rows per forward pass when scoring, to bound the temporary arrays. */
    static final int BLOCK_ROWS = 512;

    /** One dense layer: {@code y = x W + b}, then tanh if set. Weights are in x out. */
    record DenseLayer(int in, int out, boolean tanh, float[] weights, float[] bias) {
    }

    private final String id;
    private final int numItems;
    private final List<DenseLayer> layers;
    private final INDArray[] weights;
    private final INDArray[] biases;
    private final InteractionRows trainRows;

    /**
     * Wraps fitted layers (not copied).
     *
     * @param id        the recommender id, for messages and the saved format
     * @param numItems  the number of items
     * @param layers    the scoring layers, from the items back to the items
     * @param trainRows the training users' rows, for {@link #score}
     * @throws IllegalArgumentException if the layers do not chain from and to {@code numItems}
     */
    AutoencoderModel(String id, int numItems, List<DenseLayer> layers, InteractionRows trainRows) {
        int width = numItems;
        for (DenseLayer l : layers) {
            if (l.in() != width || l.weights().length != (long) l.in() * l.out() || l.bias().length != l.out()) {
                throw new IllegalArgumentException("recommender '" + id + "': layer " + l.in() + " x " + l.out()
                        + " does not follow a layer of width " + width + " or has arrays of the wrong size");
            }
            width = l.out();
        }
        if (width != numItems || layers.isEmpty() || trainRows.numItems() != numItems) {
            throw new IllegalArgumentException("recommender '" + id + "': layers must map " + numItems
                    + " items back to " + numItems + " items");
        }
        this.id = id;
        this.numItems = numItems;
        this.layers = List.copyOf(layers);
        this.trainRows = trainRows;
        this.weights = new INDArray[layers.size()];
        this.biases = new INDArray[layers.size()];
        for (int k = 0; k < layers.size(); k++) {
            DenseLayer l = layers.get(k);
            weights[k] = Nd4j.create(l.weights(), new long[] {l.in(), l.out()}, 'c');
            biases[k] = Nd4j.create(l.bias(), new long[] {1, l.out()}, 'c');
        }
    }

    /**
     * The same model under another recommender id (for saving and loading it under that id).
     *
     * @param newId the id
     * @return a model sharing this one's layers and rows
     */
    AutoencoderModel withId(String newId) {
        return new AutoencoderModel(newId, numItems, layers, trainRows);
    }

    @Override
    public int numItems() {
        return numItems;
    }

    /**
     * The number of training users, the ids {@link #score} accepts.
     *
     * @return the count
     */
    int numUsers() {
        return trainRows.numRows();
    }

    /**
     * Scores every item for training users by folding in their training rows.
     *
     * @param users dense user ids of the training data
     * @param out   receives {@code users.length * numItems()} scores, row-major
     * @throws IllegalArgumentException if {@code out} is too short
     * @throws IndexOutOfBoundsException if a user is not in the training data
     */
    @Override
    public void score(int[] users, float[] out) {
        checkOut(users.length, out);
        for (int u : users) {
            if (u < 0 || u >= trainRows.numRows()) {
                throw new IndexOutOfBoundsException("recommender '" + id + "': user " + u
                        + " is not in the training data (" + trainRows.numRows() + " users); score new users "
                        + "with scoreHistories");
            }
        }
        forward(trainRows, users, out);
    }

    /**
     * Scores every item for histories by folding them in, as for training users: the distinct items
     * of each history (order and repeats do not matter) make its input row.
     *
     * @param histories item ids of each history
     * @param out       receives {@code histories.length * numItems()} scores, row-major
     * @throws IllegalArgumentException if {@code out} is too short
     * @throws IndexOutOfBoundsException if an item is outside the model's items
     */
    @Override
    public void scoreHistories(int[][] histories, float[] out) {
        checkOut(histories.length, out);
        InteractionRows rows = InteractionRows.of(histories, numItems, id);
        int[] all = new int[histories.length];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
        }
        forward(rows, all, out);
    }

    private void checkOut(int rows, float[] out) {
        long needed = (long) rows * numItems;
        if (out.length < needed) {
            throw new IllegalArgumentException("recommender '" + id + "': out holds " + out.length + " scores, needs "
                    + needed + " (" + rows + " rows x " + numItems + " items)");
        }
    }

    private void forward(InteractionRows rows, int[] which, float[] out) {
        for (int from = 0; from < which.length; from += BLOCK_ROWS) {
            int to = Math.min(which.length, from + BLOCK_ROWS);
            float[] input = new float[(to - from) * numItems];
            rows.normalised(which, from, to, 0, null, input);
            INDArray h = Nd4j.create(input, new long[] {to - from, numItems}, 'c');
            for (int k = 0; k < weights.length; k++) {
                h = h.mmul(weights[k]).addiRowVector(biases[k]);
                if (layers.get(k).tanh()) {
                    h = Transforms.tanh(h, false);
                }
            }
            INDArray c = h.ordering() == 'c' && !h.isView() ? h : h.dup('c');
            float[] values = c.data().asFloat();
            System.arraycopy(values, 0, out, from * numItems, (to - from) * numItems);
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
        data.writeUTF(id);
        data.writeInt(numItems);
        data.writeInt(layers.size());
        for (DenseLayer l : layers) {
            data.writeInt(l.in());
            data.writeInt(l.out());
            data.writeBoolean(l.tanh());
            writeFloats(data, l.weights());
            writeFloats(data, l.bias());
        }
        data.writeInt(trainRows.numRows());
        writeInts(data, trainRows.offsets());
        writeInts(data, trainRows.items());
        data.flush();
    }

    /**
     * Reads a model written by {@link #save}.
     *
     * @param in the stream; not closed
     * @param id the id of the recommender that must have written it
     * @return the model
     * @throws IOException if the stream cannot be read, is truncated, or is not a model of {@code id}
     */
    static AutoencoderModel read(InputStream in, String id) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int magic = data.readInt();
        if (magic != MAGIC) {
            throw new IOException("recommender '" + id + "': not a saved autoencoder model (magic 0x"
                    + Integer.toHexString(magic) + ", expected " + MAGIC_HEX + ")");
        }
        int version = data.readInt();
        if (version != VERSION) {
            throw new IOException("recommender '" + id + "': saved model has format version " + version
                    + ", this bundle reads version " + VERSION);
        }
        String written = data.readUTF();
        if (!written.equals(id)) {
            throw new IOException("recommender '" + id + "': saved model was written by recommender '" + written
                    + "'; load it with that recommender");
        }
        int numItems = data.readInt();
        int count = data.readInt();
        if (numItems < 1 || count < 1 || count > 1000) {
            throw new IOException("recommender '" + id + "': saved model has invalid dimensions " + numItems
                    + " items, " + count + " layers");
        }
        List<DenseLayer> layers = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int lin = data.readInt();
            int lout = data.readInt();
            boolean tanh = data.readBoolean();
            if (lin < 1 || lout < 1 || (long) lin * lout > Integer.MAX_VALUE - 8) {
                throw new IOException("recommender '" + id + "': saved layer " + k + " has invalid shape " + lin
                        + " x " + lout);
            }
            layers.add(new DenseLayer(lin, lout, tanh, readFloats(data, lin * lout), readFloats(data, lout)));
        }
        int rows = data.readInt();
        if (rows < 0 || rows == Integer.MAX_VALUE) {
            throw new IOException("recommender '" + id + "': saved model has " + rows + " training rows");
        }
        int[] offsets = readInts(data, rows + 1);
        int total = offsets[rows];
        if (total < 0) {
            throw new IOException("recommender '" + id + "': saved training rows are corrupt");
        }
        int[] items = readInts(data, total);
        try {
            return new AutoencoderModel(id, numItems, layers, InteractionRows.wrap(numItems, offsets, items));
        } catch (IllegalArgumentException e) {
            throw new IOException("recommender '" + id + "': saved model is inconsistent: " + e.getMessage(), e);
        }
    }

    /** Writes floats big-endian, in chunks. */
    static void writeFloats(DataOutputStream data, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 * 8192);
        for (int from = 0; from < values.length; from += 8192) {
            int n = Math.min(values.length - from, 8192);
            buffer.clear();
            buffer.asFloatBuffer().put(values, from, n);
            data.write(buffer.array(), 0, 4 * n);
        }
    }

    /** Writes ints big-endian, in chunks. */
    static void writeInts(DataOutputStream data, int[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 * 8192);
        for (int from = 0; from < values.length; from += 8192) {
            int n = Math.min(values.length - from, 8192);
            buffer.clear();
            buffer.asIntBuffer().put(values, from, n);
            data.write(buffer.array(), 0, 4 * n);
        }
    }

    /** Reads {@code count} big-endian floats; EOFException if the stream ends first. */
    static float[] readFloats(DataInputStream data, int count) throws IOException {
        float[] values = new float[count];
        byte[] bytes = new byte[4 * 8192];
        for (int from = 0; from < count; from += 8192) {
            int n = Math.min(count - from, 8192);
            data.readFully(bytes, 0, 4 * n);
            ByteBuffer.wrap(bytes, 0, 4 * n).asFloatBuffer().get(values, from, n);
        }
        return values;
    }

    /** Reads {@code count} big-endian ints; EOFException if the stream ends first. */
    static int[] readInts(DataInputStream data, int count) throws IOException {
        int[] values = new int[count];
        byte[] bytes = new byte[4 * 8192];
        for (int from = 0; from < count; from += 8192) {
            int n = Math.min(count - from, 8192);
            data.readFully(bytes, 0, 4 * n);
            ByteBuffer.wrap(bytes, 0, 4 * n).asIntBuffer().get(values, from, n);
        }
        return values;
    }
}
