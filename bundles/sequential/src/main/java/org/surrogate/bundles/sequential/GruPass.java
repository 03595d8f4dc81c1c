package org.surrogate.bundles.sequential;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One forward pass of a GRU over a time-major batch, written out step by step, and its exact
 * backward pass (back-propagation through time).
 *
 * <p>The equations and the parameter layout are those of SameDiff's {@code rnn().gru} in 1.0.0-M2.1
 * (a test checks that both give the same states), so saved models keep their meaning: with
 * {@code W_x [E, 3H]}, {@code W_h [H, 3H]}, {@code b [3H]} in gate order reset, update, candidate,
 * <pre>
 *   g_x = x W_x + b,  g_h = h W_h
 *   r = sigmoid(g_x[r] + g_h[r]),  z = sigmoid(g_x[z] + g_h[z])
 *   n = tanh(g_x[n] + r * g_h[n])
 *   h' = z * h + (1 - z) * n
 * </pre>
 * The built-in op is not used because training with it grew the process's native memory by several
 * MB per batch that nothing returned (NARM: about 110 MB per 30-batch fit, measured; a whole CASR
 * experiment reached 12 GB), and its backward pass is not exact with respect to its inputs (cosine
 * 0.997 with finite differences). The matrix products run in BLAS (two per step, two more per
 * batch); the element-wise work is plain Java over the batch's arrays, deterministic.
 *
 * <p>Not thread-safe; {@link SequenceNetwork} synchronises its passes.
 */
final class GruPass {

    private final int steps;
    private final int batch;
    private final int hidden;
    private final INDArray x;
    private final INDArray wx;
    private final INDArray wh;
    /** Gate values per row {@code t * B + b}: r, z, n and the hidden product's candidate part. */
    private final float[] r;
    private final float[] z;
    private final float[] n;
    private final float[] hn;
    /** States h_0 .. h_T, row {@code t * B + b} of block t (h_0 = 0). */
    private final float[] h;

    private GruPass(int steps, int batch, int hidden, INDArray x, INDArray wx, INDArray wh) {
        this.steps = steps;
        this.batch = batch;
        this.hidden = hidden;
        this.x = x;
        this.wx = wx;
        this.wh = wh;
        int rows = steps * batch * hidden;
        this.r = new float[rows];
        this.z = new float[rows];
        this.n = new float[rows];
        this.hn = new float[rows];
        this.h = new float[rows + batch * hidden];
    }

    /**
     * Runs the GRU from the zero state.
     *
     * @param x     the inputs {@code [T*B, E]}, time-major (row {@code t * B + b})
     * @param steps T
     * @param wx    {@code [E, 3H]}
     * @param wh    {@code [H, 3H]}
     * @param b     {@code [3H]}
     * @return the pass, whose {@link #states()} are {@code [T*B, H]}
     */
    static GruPass forward(INDArray x, int steps, INDArray wx, INDArray wh, INDArray b) {
        int rows = (int) x.rows();
        if (steps <= 0 || rows % steps != 0) {
            throw new IllegalArgumentException("GRU: " + rows + " input rows are not " + steps + " steps of a batch");
        }
        int hidden = (int) wh.rows();
        GruPass p = new GruPass(steps, rows / steps, hidden, x, wx, wh);
        float[] gx;
        try (INDArray g = x.mmul(wx)) {
            gx = g.addiRowVector(b).data().asFloat();
        }
        p.run(gx);
        return p;
    }

    private void run(float[] gx) {
        int bh = batch * hidden;
        int h3 = 3 * hidden;
        for (int t = 0; t < steps; t++) {
            int prev = t * bh;
            float[] gh;
            try (INDArray state = Nd4j.create(java.util.Arrays.copyOfRange(h, prev, prev + bh), new long[] {batch, hidden},
                    'c'); INDArray product = state.mmul(wh)) {
                gh = product.data().asFloat();
            }
            for (int k = 0; k < batch; k++) {
                int gxRow = (t * batch + k) * h3;
                int ghRow = k * h3;
                for (int j = 0; j < hidden; j++) {
                    int at = prev + k * hidden + j;
                    float rv = sigmoid(gx[gxRow + j] + gh[ghRow + j]);
                    float zv = sigmoid(gx[gxRow + hidden + j] + gh[ghRow + hidden + j]);
                    float hc = gh[ghRow + 2 * hidden + j];
                    float nv = tanh(gx[gxRow + 2 * hidden + j] + rv * hc);
                    r[at] = rv;
                    z[at] = zv;
                    n[at] = nv;
                    hn[at] = hc;
                    h[at + bh] = zv * h[at] + (1 - zv) * nv;
                }
            }
        }
    }

    private static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }

    /** tanh from one exp (Math.tanh is several times slower), exact to float precision; +-1 at the ends. */
    private static float tanh(float v) {
        return (float) (1 - 2 / (Math.exp(2.0 * v) + 1));
    }

    /**
     * The states h_1 .. h_T.
     *
     * @return {@code [T*B, H]}, time-major
     */
    INDArray states() {
        int bh = batch * hidden;
        return Nd4j.create(java.util.Arrays.copyOfRange(h, bh, h.length), new long[] {(long) steps * batch, hidden}, 'c');
    }

    /**
     * Back-propagates a gradient with respect to the states.
     *
     * @param dStates the loss's gradient with respect to {@link #states()}, {@code [T*B, H]}
     * @return the gradients with respect to the inputs and the parameters
     */
    Gradients backward(INDArray dStates) {
        float[] ds = dStates.dup('c').data().asFloat();
        int bh = batch * hidden;
        int h3 = 3 * hidden;
        float[] dgx = new float[steps * batch * h3];
        float[] dgh = new float[steps * batch * h3];
        float[] dh = new float[bh];
        for (int t = steps - 1; t >= 0; t--) {
            int prev = t * bh;
            for (int i = 0; i < bh; i++) {
                dh[i] += ds[prev + i];
            }
            float[] dhPrev = new float[bh];
            for (int k = 0; k < batch; k++) {
                int row = (t * batch + k) * h3;
                for (int j = 0; j < hidden; j++) {
                    int i = k * hidden + j;
                    int at = prev + i;
                    float zv = z[at];
                    float nv = n[at];
                    float rv = r[at];
                    float g = dh[i];
                    float dn = g * (1 - zv);
                    float dz = g * (h[at] - nv);
                    dhPrev[i] = g * zv;
                    float dan = dn * (1 - nv * nv);
                    float dr = dan * hn[at];
                    float dar = dr * rv * (1 - rv);
                    float daz = dz * zv * (1 - zv);
                    dgx[row + j] = dar;
                    dgx[row + hidden + j] = daz;
                    dgx[row + 2 * hidden + j] = dan;
                    dgh[row + j] = dar;
                    dgh[row + hidden + j] = daz;
                    dgh[row + 2 * hidden + j] = dan * rv;
                }
            }
            if (t > 0) {
                try (INDArray step = Nd4j.create(java.util.Arrays.copyOfRange(dgh, t * batch * h3,
                        (t + 1) * batch * h3), new long[] {batch, h3}, 'c');
                     INDArray product = Nd4j.gemm(step, wh, false, true)) {
                    float[] back = product.data().asFloat();
                    for (int i = 0; i < bh; i++) {
                        dhPrev[i] += back[i];
                    }
                }
            }
            dh = dhPrev;
        }
        long rows = (long) steps * batch;
        try (INDArray dGx = Nd4j.create(dgx, new long[] {rows, h3}, 'c');
             INDArray dGh = Nd4j.create(dgh, new long[] {rows, h3}, 'c');
             INDArray hPrev = Nd4j.create(java.util.Arrays.copyOfRange(h, 0, steps * bh), new long[] {rows, hidden},
                     'c')) {
            return new Gradients(Nd4j.gemm(dGx, wx, false, true), Nd4j.gemm(x, dGx, true, false),
                    Nd4j.gemm(hPrev, dGh, true, false), dGx.sum(0));
        }
    }

    /**
     * The gradients of one backward pass.
     *
     * @param x  with respect to the inputs, {@code [T*B, E]}
     * @param wx with respect to {@code W_x}
     * @param wh with respect to {@code W_h}
     * @param b  with respect to the bias
     */
    record Gradients(INDArray x, INDArray wx, INDArray wh, INDArray b) {
    }
}
