package org.surrogate.bundles.sequential;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch of item sequences laid out for {@link SequenceNetwork}: B sequences padded on the right to
 * the longest length T, time-major (row {@code t * B + b}), with next-item targets and dropout masks
 * when training.
 */
final class SequenceBatch {

    private final int[][] inputs;
    private final int[][] targets;
    private final int steps;
    private final int realSteps;
    private final Random dropout;
    private float[] embeddingMask;

    /**
     * A batch.
     *
     * @param inputs  the input sequences, each of length at least 1
     * @param targets the next item of every input step (same lengths), or null for inference
     * @param dropout the generator of the dropout masks (training), or null
     */
    SequenceBatch(int[][] inputs, int[][] targets, Random dropout) {
        this.inputs = inputs;
        this.targets = targets;
        this.dropout = dropout;
        int t = 0;
        int real = 0;
        for (int[] s : inputs) {
            if (s.length == 0) {
                throw new IllegalArgumentException("a sequence of a batch is empty");
            }
            t = Math.max(t, s.length);
            real += s.length;
        }
        this.steps = t;
        this.realSteps = real;
    }

    /**
     * The number of real (not padding) steps.
     *
     * @return the count
     */
    int realSteps() {
        return realSteps;
    }

    /**
     * The rows {@code (length_b - 1) * B + b} of each sequence's last step.
     *
     * @return one row per sequence
     */
    int[] lastRows() {
        int b = inputs.length;
        int[] rows = new int[b];
        for (int k = 0; k < b; k++) {
            rows[k] = (inputs[k].length - 1) * b + k;
        }
        return rows;
    }

    /**
     * The placeholder values.
     *
     * @param emb      the item embeddings {@code [N, E]}
     * @param s        the network settings
     * @param training whether to add targets and dropout masks
     * @return values by placeholder name
     */
    Map<String, INDArray> placeholders(INDArray emb, NetworkSettings s, boolean training) {
        int b = inputs.length;
        int t = steps;
        int e = s.embedding();
        float[] table = emb.data().asFloat();
        float[] x = new float[t * b * e];
        boolean dropIn = training && s.embeddingDropout() > 0;
        embeddingMask = dropIn ? new float[t * b] : null;
        float keep = (float) (1 / (1 - s.embeddingDropout()));
        for (int k = 0; k < b; k++) {
            for (int step = 0; step < inputs[k].length; step++) {
                int row = step * b + k;
                int item = inputs[k][step];
                if (dropIn) {
                    // One mask value per step: the whole embedding of an item is dropped or kept.
                    embeddingMask[row] = dropout.nextDouble() < s.embeddingDropout() ? 0f : keep;
                    float m = embeddingMask[row];
                    for (int a = 0; a < e; a++) {
                        x[row * e + a] = table[item * e + a] * m;
                    }
                } else {
                    System.arraycopy(table, item * e, x, row * e, e);
                }
            }
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("x", Nd4j.create(x, new long[] {(long) t * b, e}, 'c'));
        ph.put("xshape", Nd4j.createFromArray(new long[] {t, b, e}));
        ph.put("h0", Nd4j.zeros(DataType.FLOAT, b, s.hidden()));
        if (s.kind() == NetworkKind.NARM) {
            ph.put("amask", attentionMask(b, t));
            int h = s.hidden();
            ph.put("shape_bt1h", Nd4j.createFromArray(new long[] {b, t, 1, h}));
            ph.put("shape_b1th", Nd4j.createFromArray(new long[] {b, 1, t, h}));
            ph.put("shape_btt", Nd4j.createFromArray(new long[] {b, t, t}));
        }
        if (training) {
            ph.put("fdrop", featureMask(s, b, t));
            ph.put("y", targets(s.numItems(), b, t));
        }
        return ph;
    }

    /** 1 where step j may be attended from step t of sequence b: j <= t and j < length_b. */
    private INDArray attentionMask(int b, int t) {
        float[] m = new float[b * t * t];
        for (int k = 0; k < b; k++) {
            int len = inputs[k].length;
            for (int i = 0; i < t; i++) {
                for (int j = 0; j <= i && j < len; j++) {
                    m[(k * t + i) * t + j] = 1f;
                }
            }
        }
        return Nd4j.create(m, new long[] {b, t, t}, 'c');
    }

    private INDArray featureMask(NetworkSettings s, int b, int t) {
        int width = s.featureWidth();
        float[] m = new float[t * b * width];
        double p = s.hiddenDropout();
        float keep = (float) (1 / (1 - p));
        for (int k = 0; k < m.length; k++) {
            m[k] = p > 0 && dropout.nextDouble() < p ? 0f : keep;
        }
        return Nd4j.create(m, new long[] {(long) t * b, width}, 'c');
    }

    /** One-hot next items scaled by 1 / realSteps, so the summed loss is the mean over real steps. */
    private INDArray targets(int n, int b, int t) {
        float[] y = new float[t * b * n];
        float w = 1f / realSteps;
        for (int k = 0; k < b; k++) {
            for (int step = 0; step < targets[k].length; step++) {
                y[(step * b + k) * n + targets[k][step]] = w;
            }
        }
        return Nd4j.create(y, new long[] {(long) t * b, n}, 'c');
    }

    /**
     * The gradient of the loss with respect to the embedding table through the inputs: each real
     * step's input gradient, times its dropout mask, added to its item's row.
     *
     * @param inputGradient {@code [T*B, E]} gradient with respect to the input rows
     * @param s             the settings
     * @return {@code [N, E]}
     */
    INDArray embeddingGradient(INDArray inputGradient, NetworkSettings s) {
        int b = inputs.length;
        int e = s.embedding();
        float[] dx = inputGradient.dup('c').data().asFloat();
        float[] g = new float[s.numItems() * e];
        for (int k = 0; k < b; k++) {
            for (int step = 0; step < inputs[k].length; step++) {
                int row = step * b + k;
                float m = embeddingMask == null ? 1f : embeddingMask[row];
                if (m == 0f) {
                    continue;
                }
                int base = inputs[k][step] * e;
                for (int a = 0; a < e; a++) {
                    g[base + a] += dx[row * e + a] * m;
                }
            }
        }
        return Nd4j.create(g, new long[] {s.numItems(), e}, 'c');
    }
}
