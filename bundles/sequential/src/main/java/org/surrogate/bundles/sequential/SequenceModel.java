package org.surrogate.bundles.sequential;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.surrogate.api.recommender.Model;
import org.surrogate.bundles.sequential.anchor.ProbeResult;
import org.surrogate.bundles.sequential.anchor.SequenceAnchor;

/**
 * A fitted GRU4Rec or NARM model: the network and each training user's last {@code maxLength} items.
 * A user is scored from that history, a history from its own last {@code maxLength} items; an empty
 * history is the zero representation (GRU4Rec: the output bias; NARM: 0 everywhere). Histories are
 * scored in batches sorted by length, every item at once; the network's forward pass is
 * synchronised, the output products are not. Parameters never change after fitting.
 *
 * <p>Saved format after the {@link ModelIO} header: int items, embedding, hidden, maxLength, double
 * embeddingDropout, hiddenDropout, the users' histories, then every parameter of
 * {@link SequenceNetwork#paramNames} in that order as a float array (row-major).
 */
final class SequenceModel implements SequenceAnchor {

    /** Upper bound on B * T * T * H floats of NARM's and STAMP's attention tensor in one scoring batch. */
    static final long ATTENTION_BUDGET = 8L << 20;
    /** The most histories per scoring batch. */
    static final int MAX_BATCH = 256;

    private final String id;
    private final SequenceNetwork network;
    private final int[][] histories;

    /**
     * Wraps a fitted network.
     *
     * @param id        the recommender id, for messages and the saved format
     * @param network   the network
     * @param histories every training user's last maxLength items, oldest first
     */
    SequenceModel(String id, SequenceNetwork network, int[][] histories) {
        this.id = id;
        this.network = network;
        this.histories = histories;
    }

    @Override
    public int numItems() {
        return network.settings().numItems();
    }

    /**
     * The network, for tests.
     *
     * @return the network
     */
    SequenceNetwork network() {
        return network;
    }

    /**
     * Scores every item for training users from their last training items.
     *
     * @param users dense user ids of the training data
     * @param out   receives {@code users.length * numItems()} scores, row-major
     * @throws IllegalArgumentException if {@code out} is too short
     * @throws IndexOutOfBoundsException if a user is not in the training data
     */
    @Override
    public void score(int[] users, float[] out) {
        Sequences.outputLength(id, out, users.length, numItems());
        int[][] h = new int[users.length][];
        for (int k = 0; k < users.length; k++) {
            Sequences.user(id, users[k], histories.length);
            h[k] = histories[users[k]];
        }
        scoreChecked(h, out);
    }

    /**
     * Scores every item for histories (their last maxLength items).
     *
     * @param histories item sequences, oldest first
     * @param out       receives {@code histories.length * numItems()} scores
     * @throws IllegalArgumentException if {@code out} is too short
     * @throws IndexOutOfBoundsException if an item is not in the catalogue
     */
    @Override
    public void scoreHistories(int[][] histories, float[] out) {
        Sequences.outputLength(id, out, histories.length, numItems());
        int[][] h = new int[histories.length][];
        for (int k = 0; k < h.length; k++) {
            h[k] = Sequences.suffix(id, histories[k], network.settings().maxLength(), numItems());
        }
        scoreChecked(h, out);
    }

    private void scoreChecked(int[][] h, float[] out) {
        int n = numItems();
        Integer[] order = new Integer[h.length];
        for (int k = 0; k < h.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(h[a].length, h[b].length));
        int next = 0;
        while (next < order.length && h[order[next]].length == 0) {
            next++;
        }
        if (next > 0) {
            int width = network.settings().featureWidth();
            float[] empty = network.logits(Nd4j.zeros(DataType.FLOAT, 1, width)).dup('c').data().asFloat();
            for (int k = 0; k < next; k++) {
                System.arraycopy(empty, 0, out, order[k] * n, n);
            }
        }
        while (next < order.length) {
            int size = batchSize(h[order[Math.min(order.length - 1, next + MAX_BATCH - 1)]].length);
            int to = Math.min(order.length, next + size);
            int[][] batch = new int[to - next][];
            for (int k = next; k < to; k++) {
                batch[k - next] = h[order[k]];
            }
            float[] values = scores(network.lastFeatures(new SequenceBatch(batch, null, null)));
            for (int k = next; k < to; k++) {
                System.arraycopy(values, (k - next) * n, out, order[k] * n, n);
            }
            next = to;
        }
    }

    private int batchSize(int longest) {
        NetworkKind kind = network.settings().kind();
        if (kind == NetworkKind.GRU4REC) {
            return MAX_BATCH;
        }
        int width = kind == NetworkKind.SASREC ? 1 : network.settings().hidden();
        long perSequence = (long) longest * longest * width;
        return (int) Math.max(1, Math.min(MAX_BATCH, ATTENTION_BUDGET / perSequence));
    }

    @Override
    public int embeddingSize() {
        return network.settings().embedding();
    }

    @Override
    public int maxLength() {
        return network.settings().maxLength();
    }

    @Override
    public float[] itemEmbedding(int item) {
        Sequences.item(id, item, numItems());
        int e = embeddingSize();
        float[] out = new float[e];
        INDArray emb = network.params().get("emb");
        for (int a = 0; a < e; a++) {
            out[a] = emb.getFloat(item, a);
        }
        return out;
    }

    @Override
    public float[] itemEmbeddings() {
        return network.params().get("emb").dup('c').data().asFloat();
    }

    @Override
    public ProbeResult probe(int[][] histories, int[] positions, float[][] rows, float[][] targets) {
        int b = histories.length;
        if (positions.length != b || rows.length != b || (targets != null && targets.length != b)) {
            throw new IllegalArgumentException("recommender '" + id + "': probe needs one position, row and target "
                    + "per history; found " + b + " histories, " + positions.length + " positions, " + rows.length
                    + " rows, " + (targets == null ? "no" : String.valueOf(targets.length)) + " targets");
        }
        int n = numItems();
        for (int k = 0; k < b; k++) {
            int[] h = histories[k];
            if (h.length == 0 || h.length > maxLength()) {
                throw new IllegalArgumentException("recommender '" + id + "': probe history " + k + " has " + h.length
                        + " items, expected 1 to maxLength " + maxLength());
            }
            Sequences.suffix(id, h, maxLength(), n);
            if (rows[k] != null) {
                if (positions[k] < 0 || positions[k] >= h.length) {
                    throw new IllegalArgumentException("recommender '" + id + "': probe position " + positions[k]
                            + " of history " + k + " is outside [0, " + h.length + ")");
                }
                if (rows[k].length != embeddingSize()) {
                    throw new IllegalArgumentException("recommender '" + id + "': probe row " + k + " has "
                            + rows[k].length + " values, expected embeddingSize " + embeddingSize());
                }
            }
            if (targets != null && (targets[k] == null || targets[k].length != n)) {
                throw new IllegalArgumentException("recommender '" + id + "': probe target " + k + " must have "
                        + n + " values");
            }
        }
        float[][] logits = new float[b][];
        if (targets == null) {
            SequenceBatch batch = new SequenceBatch(histories, null, null, null, positions, rows, false, null);
            float[] scores = scores(network.lastFeatures(batch));
            for (int k = 0; k < b; k++) {
                logits[k] = Arrays.copyOfRange(scores, k * n, (k + 1) * n);
            }
            return new ProbeResult(logits, null, null);
        }
        SequenceBatch batch = new SequenceBatch(histories, null, null, targets, positions, rows, false, null);
        SequenceNetwork.Probe p = network.probe(batch);
        float[] scores = scores(p.lastFeatures());
        double[] losses = new double[b];
        for (int k = 0; k < b; k++) {
            logits[k] = Arrays.copyOfRange(scores, k * n, (k + 1) * n);
            losses[k] = crossEntropy(logits[k], targets[k]);
        }
        return new ProbeResult(logits, losses, p.rowGradients());
    }

    /**
     * The row-major scores {@code [R, numItems]} of step representations; the features and every
     * intermediate are freed here (native memory is not left to the garbage collector).
     */
    private float[] scores(INDArray features) {
        try (INDArray logits = network.logits(features); INDArray rows = logits.dup('c')) {
            return rows.data().asFloat();
        } finally {
            ClosingMemoryManager.free(features);
        }
    }

    /** {@code -sum_i t_i log softmax(z)_i}, computed stably. */
    static double crossEntropy(float[] z, float[] t) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : z) {
            sum += Math.exp(v - max);
        }
        double logNorm = max + Math.log(sum);
        double loss = 0;
        for (int i = 0; i < z.length; i++) {
            if (t[i] != 0) {
                loss -= t[i] * (z[i] - logNorm);
            }
        }
        return loss;
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
        NetworkSettings s = network.settings();
        ModelIO.writeHeader(data, id);
        data.writeInt(s.numItems());
        data.writeInt(s.embedding());
        data.writeInt(s.hidden());
        data.writeInt(s.maxLength());
        data.writeDouble(s.embeddingDropout());
        data.writeDouble(s.hiddenDropout());
        ModelIO.writeHistories(data, histories);
        for (String name : SequenceNetwork.paramNames(s.kind())) {
            ModelIO.writeFloats(data, network.params().get(name).dup('c').data().asFloat());
        }
        data.flush();
    }

    /**
     * Reads a model written by {@link #save}.
     *
     * @param in   the stream; not closed
     * @param id   the recommender that must have written it
     * @param kind its architecture
     * @return the model
     * @throws IOException if the stream is unreadable, truncated or not a model of {@code id}
     */
    static SequenceModel read(InputStream in, String id, NetworkKind kind) throws IOException {
        DataInputStream data = new DataInputStream(in);
        ModelIO.readHeader(data, id);
        int items = data.readInt();
        int embedding = data.readInt();
        int hidden = data.readInt();
        int maxLength = data.readInt();
        double embeddingDropout = data.readDouble();
        double hiddenDropout = data.readDouble();
        NetworkSettings s;
        try {
            s = new NetworkSettings(kind, items, embedding, hidden, maxLength, embeddingDropout, hiddenDropout);
        } catch (IllegalArgumentException e) {
            throw new IOException("recommender '" + id + "': saved model has invalid settings: " + e.getMessage(), e);
        }
        int[][] histories = ModelIO.readHistories(data, id, items, maxLength);
        Map<String, INDArray> params = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : SequenceNetwork.shapes(s).entrySet()) {
            long[] shape = e.getValue();
            long count = shape.length == 1 ? shape[0] : shape[0] * shape[1];
            float[] values = ModelIO.readFloats(data, id, "parameter '" + e.getKey() + "'", count);
            params.put(e.getKey(), Nd4j.create(values, shape, 'c'));
        }
        return new SequenceModel(id, new SequenceNetwork(s, params), histories);
    }
}
