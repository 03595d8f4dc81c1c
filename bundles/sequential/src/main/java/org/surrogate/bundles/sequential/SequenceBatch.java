package org.surrogate.bundles.sequential;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch of item sequences laid out for {@link SequenceNetwork}: B sequences padded on the right to
 * the longest length T, time-major (row {@code t * B + b}), with next-item targets and dropout masks
 * when training.
 *
 * <p>Besides plain training batches (every step predicts its successor) a batch can hold sequences
 * whose loss is taken at the <em>last step only</em> (CASR's counterfactual samples: a history and
 * the sampler's next item), soft targets at the last step (a distribution over items instead of one
 * item) and <em>row overrides</em>: the input of one step of a sequence replaced by a given
 * embedding vector (a "virtual item", CASR Eq. 4 and 7), whose gradient is then returned instead of
 * being added to an item's embedding.
 */
final class SequenceBatch {

    /** How a batch is used. */
    enum Mode {
        /** Dropout masks and targets. */
        TRAIN,
        /** No dropout, no targets: scoring. */
        INFER,
        /** No dropout, targets: gradients of a fixed network with respect to its inputs. */
        PROBE
    }

    private final int[][] inputs;
    private final int[][] targets;
    private final boolean[] lastOnly;
    private final float[][] softTargets;
    private final int[] overridePosition;
    private final float[][] overrideRow;
    private final boolean mean;
    private final int steps;
    private final int realSteps;
    private final int weightedSteps;
    private final Random dropout;
    private float[] embeddingMask;

    /**
     * A training or scoring batch where every step of every sequence predicts its successor.
     *
     * @param inputs  the input sequences, each of length at least 1
     * @param targets the next item of every input step (same lengths), or null for inference
     * @param dropout the generator of the dropout masks (training), or null
     */
    SequenceBatch(int[][] inputs, int[][] targets, Random dropout) {
        this(inputs, targets, null, null, null, null, true, dropout);
    }

    /**
     * A batch with per-sequence options.
     *
     * @param inputs           the input sequences, each of length at least 1
     * @param targets          the next item of every input step, or null (inference, or soft targets)
     * @param lastOnly         per sequence, whether only its last step has a loss; null for none
     * @param softTargets      per sequence, a distribution over items as the target of its last step
     *                         (only its last step then has a loss); null entries or null for none
     * @param overridePosition per sequence, the step whose input is replaced (-1 for none); null for none
     * @param overrideRow      per sequence, the replacing embedding (E values) or null
     * @param mean             whether the loss is the mean over weighted steps (training) or the sum
     *                         (probing: each sequence's gradient is then its own loss's gradient)
     * @param dropout          the generator of the dropout masks (training), or null
     */
    SequenceBatch(int[][] inputs, int[][] targets, boolean[] lastOnly, float[][] softTargets,
                  int[] overridePosition, float[][] overrideRow, boolean mean, Random dropout) {
        this.inputs = inputs;
        this.targets = targets;
        this.lastOnly = lastOnly;
        this.softTargets = softTargets;
        this.overridePosition = overridePosition;
        this.overrideRow = overrideRow;
        this.mean = mean;
        this.dropout = dropout;
        int t = 0;
        int real = 0;
        int weighted = 0;
        for (int k = 0; k < inputs.length; k++) {
            int[] s = inputs[k];
            if (s.length == 0) {
                throw new IllegalArgumentException("a sequence of a batch is empty");
            }
            t = Math.max(t, s.length);
            real += s.length;
            weighted += lastStepOnly(k) ? 1 : s.length;
        }
        this.steps = t;
        this.realSteps = real;
        this.weightedSteps = weighted;
    }

    private boolean lastStepOnly(int k) {
        return (lastOnly != null && lastOnly[k]) || (softTargets != null && softTargets[k] != null);
    }

    private int overrideAt(int k) {
        return overridePosition == null || overrideRow == null || overrideRow[k] == null ? -1 : overridePosition[k];
    }

    /**
     * The padded length T of the batch.
     *
     * @return the longest sequence's length
     */
    int steps() {
        return steps;
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
     * The number of steps with a loss (all real steps, or one for a last-step-only sequence).
     *
     * @return the count
     */
    int weightedSteps() {
        return weightedSteps;
    }

    /**
     * The number of sequences.
     *
     * @return B
     */
    int size() {
        return inputs.length;
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
     * @param emb  the item embeddings {@code [N, E]}
     * @param pos  the position embeddings {@code [maxLength, E]} added to the inputs (SASRec), or null
     * @param s    the network settings
     * @param mode what the batch is for
     * @return values by placeholder name
     */
    Map<String, INDArray> placeholders(INDArray emb, INDArray pos, NetworkSettings s, Mode mode) {
        int b = inputs.length;
        int t = steps;
        int e = s.embedding();
        float[] table = emb.data().asFloat();
        float[] positions = pos == null ? null : pos.data().asFloat();
        float[] x = new float[t * b * e];
        boolean dropIn = mode == Mode.TRAIN && s.embeddingDropout() > 0;
        embeddingMask = dropIn ? new float[t * b] : null;
        float keep = (float) (1 / (1 - s.embeddingDropout()));
        for (int k = 0; k < b; k++) {
            int replaced = overrideAt(k);
            for (int step = 0; step < inputs[k].length; step++) {
                int row = step * b + k;
                int item = inputs[k][step];
                float m = 1f;
                if (dropIn) {
                    // One mask value per step: the whole embedding of an item is dropped or kept.
                    embeddingMask[row] = dropout.nextDouble() < s.embeddingDropout() ? 0f : keep;
                    m = embeddingMask[row];
                }
                if (step == replaced) {
                    for (int a = 0; a < e; a++) {
                        x[row * e + a] = overrideRow[k][a] * m;
                    }
                } else {
                    for (int a = 0; a < e; a++) {
                        x[row * e + a] = table[item * e + a] * m;
                    }
                }
                if (positions != null) {
                    for (int a = 0; a < e; a++) {
                        x[row * e + a] += positions[step * e + a];
                    }
                }
            }
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("x", Nd4j.create(x, new long[] {(long) t * b, e}, 'c'));
        if (s.kind() != NetworkKind.GRU4REC && s.kind() != NetworkKind.NARM) {
            ph.put("xshape", Nd4j.createFromArray(new long[] {t, b, e})); // the GRU runs in Java: see GruPass
        }
        switch (s.kind()) {
            case GRU4REC -> {
            }
            case NARM -> {
                ph.put("amask", attentionMask(b, t, false));
                int h = s.hidden();
                ph.put("shape_tbh", Nd4j.createFromArray(new long[] {t, b, h}));
                ph.put("shape_bt1h", Nd4j.createFromArray(new long[] {b, t, 1, h}));
                ph.put("shape_b1th", Nd4j.createFromArray(new long[] {b, 1, t, h}));
                ph.put("shape_btt", Nd4j.createFromArray(new long[] {b, t, t}));
            }
            case STAMP -> {
                ph.put("amask", attentionMask(b, t, false));
                ph.put("cmean", attentionMask(b, t, true));
                int h = s.hidden();
                ph.put("shape_bte", Nd4j.createFromArray(new long[] {b, t, e}));
                ph.put("shape_bt1h", Nd4j.createFromArray(new long[] {b, t, 1, h}));
                ph.put("shape_b1th", Nd4j.createFromArray(new long[] {b, 1, t, h}));
                ph.put("shape_btt", Nd4j.createFromArray(new long[] {b, t, t}));
            }
            case SASREC -> {
                ph.put("abias", attentionBias(b, t));
                ph.put("shape_bte", Nd4j.createFromArray(new long[] {b, t, e}));
            }
            default -> throw new IllegalStateException("unknown kind " + s.kind());
        }
        if (mode != Mode.INFER) {
            ph.put("fdrop", featureMask(s, b, t, mode == Mode.TRAIN));
            ph.put("y", targets(s.numItems(), b, t));
        }
        return ph;
    }

    /**
     * 1 where step j may be attended from step t of sequence b: j <= t and j < length_b; with
     * {@code average}, {@code 1 / (number of such j)} instead (a running mean, STAMP's m_s).
     */
    private INDArray attentionMask(int b, int t, boolean average) {
        float[] m = new float[b * t * t];
        for (int k = 0; k < b; k++) {
            int len = inputs[k].length;
            for (int i = 0; i < t; i++) {
                int count = Math.min(i, len - 1) + 1;
                float v = average ? 1f / count : 1f;
                for (int j = 0; j <= i && j < len; j++) {
                    m[(k * t + i) * t + j] = v;
                }
            }
        }
        return Nd4j.create(m, new long[] {b, t, t}, 'c');
    }

    /** 0 where step j may be attended from step i (j <= i, j < length), -1e9 elsewhere: SASRec's causal mask. */
    private INDArray attentionBias(int b, int t) {
        float[] m = new float[b * t * t];
        for (int k = 0; k < b; k++) {
            int len = inputs[k].length;
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    m[(k * t + i) * t + j] = j <= i && j < len ? 0f : -1e9f;
                }
            }
        }
        return Nd4j.create(m, new long[] {b, t, t}, 'c');
    }

    private INDArray featureMask(NetworkSettings s, int b, int t, boolean drop) {
        int width = s.featureWidth();
        float[] m = new float[t * b * width];
        double p = s.hiddenDropout();
        float keep = drop ? (float) (1 / (1 - p)) : 1f;
        for (int k = 0; k < m.length; k++) {
            m[k] = drop && p > 0 && dropout.nextDouble() < p ? 0f : keep;
        }
        return Nd4j.create(m, new long[] {(long) t * b, width}, 'c');
    }

    /**
     * Next-item targets: one-hot (or the soft target) at each weighted step, scaled by
     * {@code 1 / weightedSteps} when the loss is a mean, so the summed loss is the mean over steps.
     */
    private INDArray targets(int n, int b, int t) {
        float[] y = new float[t * b * n];
        float w = mean ? 1f / weightedSteps : 1f;
        for (int k = 0; k < b; k++) {
            int last = inputs[k].length - 1;
            if (softTargets != null && softTargets[k] != null) {
                float[] soft = softTargets[k];
                int base = (last * b + k) * n;
                for (int i = 0; i < n; i++) {
                    y[base + i] = soft[i] * w;
                }
                continue;
            }
            if (targets == null) {
                throw new IllegalStateException("a batch with a loss needs targets for every sequence");
            }
            int from = lastStepOnly(k) ? last : 0;
            for (int step = from; step <= last; step++) {
                y[(step * b + k) * n + targets[k][step]] = w;
            }
        }
        return Nd4j.create(y, new long[] {(long) t * b, n}, 'c');
    }

    /**
     * The gradient of the loss with respect to the embedding table through the inputs: each real
     * step's input gradient, times its dropout mask, added to its item's row (overridden steps are
     * left out: their input is not an item's embedding).
     *
     * @param dx the gradient with respect to the input rows, {@code [T*B*E]} row-major
     * @param s  the settings
     * @return {@code [N, E]}
     */
    INDArray embeddingGradient(float[] dx, NetworkSettings s) {
        int b = inputs.length;
        int e = s.embedding();
        float[] g = new float[s.numItems() * e];
        for (int k = 0; k < b; k++) {
            int replaced = overrideAt(k);
            for (int step = 0; step < inputs[k].length; step++) {
                int row = step * b + k;
                float m = embeddingMask == null ? 1f : embeddingMask[row];
                if (m == 0f || step == replaced) {
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

    /**
     * The gradient with respect to the position embeddings: each real step's input gradient added to
     * its position's row.
     *
     * @param dx the gradient with respect to the input rows, {@code [T*B*E]} row-major
     * @param s  the settings
     * @return {@code [maxLength, E]}
     */
    INDArray positionGradient(float[] dx, NetworkSettings s) {
        int b = inputs.length;
        int e = s.embedding();
        float[] g = new float[s.maxLength() * e];
        for (int k = 0; k < b; k++) {
            for (int step = 0; step < inputs[k].length; step++) {
                int row = step * b + k;
                for (int a = 0; a < e; a++) {
                    g[step * e + a] += dx[row * e + a];
                }
            }
        }
        return Nd4j.create(g, new long[] {s.maxLength(), e}, 'c');
    }

    /**
     * The gradient with respect to each sequence's overridden input row.
     *
     * @param dx the gradient with respect to the input rows, {@code [T*B*E]} row-major
     * @param e  the embedding size
     * @return per sequence, E values, or null where nothing was overridden
     */
    float[][] overrideGradients(float[] dx, int e) {
        int b = inputs.length;
        float[][] out = new float[b][];
        for (int k = 0; k < b; k++) {
            int replaced = overrideAt(k);
            if (replaced >= 0) {
                int row = replaced * b + k;
                out[k] = java.util.Arrays.copyOfRange(dx, row * e, row * e + e);
            }
        }
        return out;
    }
}
