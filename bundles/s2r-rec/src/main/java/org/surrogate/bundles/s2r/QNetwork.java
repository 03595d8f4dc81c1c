package org.surrogate.bundles.s2r;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The recommendation policy network: an LSTM state encoder over the session and a Q head.
 *
 * <pre>
 *   v_t  = F_V(x_{a_t}) = x_{a_t} W_V                       (item map, shared with the adaptation modules)
 *   s_t  = h_t,  (h_{t+1}, c_{t+1}) = LSTM([v_t, r_t]; h_t, c_t),  h_0 = c_0 = 0
 *   Q(s_t, a) = (s_t W_q + b_q) . F_V(x_a)
 * </pre>
 *
 * The SameDiff graph unrolls the T steps of a fixed-size batch of sessions and gives the squared TD error
 * {@code mean_t,b (Q(s_t, a_t) - y_t)^2} and its gradients; acting and targets use the same
 * parameters in plain Java ({@link QSnapshot}), which a test checks against the graph.
 */
final class QNetwork {

    private final int width;
    private final int batch;
    private final int dim;
    private final int hidden;
    private final int horizon;
    private final Map<String, INDArray> params;
    private final SameDiff sd;
    private final List<String> names = new ArrayList<>();

    /**
     * Builds the graph; creates the parameters missing from the map (seeded), keeps "wv" if present.
     *
     * @param width   padded item input width
     * @param dim     item representation size d
     * @param hidden  LSTM state size H
     * @param horizon session length T
     * @param batch   sessions per TD batch
     * @param params  the shared parameter map, filled here
     * @param rng     seeded initialisation
     */
    QNetwork(int width, int dim, int hidden, int horizon, int batch, Map<String, INDArray> params, Random rng) {
        this.width = width;
        this.dim = dim;
        this.hidden = hidden;
        this.horizon = horizon;
        this.batch = batch;
        this.params = params;
        params.computeIfAbsent("wv", n -> Dense.glorot(width, dim, rng));
        params.put("wx", Dense.glorot(dim + 1, 4 * hidden, rng));
        params.put("wh", Dense.glorot(hidden, 4 * hidden, rng));
        float[] bias = new float[4 * hidden];
        // forget gate bias 1 (gate blocks i, f, o, g)
        java.util.Arrays.fill(bias, hidden, 2 * hidden, 1f);
        params.put("b", Nd4j.create(bias, new long[] {4 * hidden}, 'c'));
        params.put("wq", Dense.glorot(hidden, dim, rng));
        params.put("bq", Dense.constant(dim, 0f));
        names.addAll(List.of("wv", "wx", "wh", "b", "wq", "bq"));
        this.sd = build();
    }

    /** Parameter names of this network. */
    List<String> names() {
        return names;
    }

    /** Sessions per TD batch (the graph is built for it). */
    int batch() {
        return batch;
    }

    // Time-major rows (t * B + b): the input side of every gate is one matrix product for all steps,
    // and each step slices its B rows; the Q head runs once on all states. Far fewer graph ops than a
    // per-step, per-gate unroll, which matters because SameDiff pays per op.
    private SameDiff build() {
        SameDiff g = SameDiff.create();
        Map<String, SDVariable> p = new HashMap<>();
        for (String n : names) {
            p.put(n, g.var(n, params.get(n)));
        }
        int rows = horizon * batch;
        SDVariable f = g.placeHolder("f", DataType.FLOAT, rows, width);
        SDVariable r = g.placeHolder("r", DataType.FLOAT, rows, 1);
        SDVariable h = g.placeHolder("h0", DataType.FLOAT, batch, hidden);
        SDVariable c = g.placeHolder("c0", DataType.FLOAT, batch, hidden);
        SDVariable v = g.mmul(f, p.get("wv"));
        SDVariable xg = g.mmul(g.concat(1, v, r), p.get("wx")).add(p.get("b"));
        SDVariable[] states = new SDVariable[horizon];
        for (int t = 0; t < horizon; t++) {
            states[t] = h;
            SDVariable z = g.slice(xg, new int[] {t * batch, 0}, batch, 4 * hidden).add(g.mmul(h, p.get("wh")));
            SDVariable[] gate = g.split(z, 4, 1);
            SDVariable in = g.nn().sigmoid(gate[0]);
            SDVariable forget = g.nn().sigmoid(gate[1]);
            SDVariable out = g.nn().sigmoid(gate[2]);
            c = forget.mul(c).add(in.mul(g.math().tanh(gate[3])));
            h = out.mul(g.math().tanh(c));
        }
        SDVariable hs = g.concat(0, states);
        SDVariable u = g.mmul(hs, p.get("wq")).add(p.get("bq"));
        SDVariable q = g.sum("q", u.mul(v), 1);
        SDVariable y = g.placeHolder("y", DataType.FLOAT, rows);
        SDVariable diff = q.sub(y);
        g.mean("loss", diff.mul(diff));
        g.setLossVariables("loss");
        return g;
    }

    private Map<String, INDArray> feed(float[][][] feats, float[][] rewards, float[][] targets) {
        if (feats.length != batch) {
            throw new IllegalArgumentException("the TD graph takes " + batch + " sessions, found " + feats.length);
        }
        int rows = horizon * batch;
        float[] f = new float[rows * width];
        float[] r = new float[rows];
        float[] y = new float[rows];
        for (int t = 0; t < horizon; t++) {
            for (int b = 0; b < batch; b++) {
                int row = t * batch + b;
                System.arraycopy(feats[b][t], 0, f, row * width, width);
                r[row] = rewards[b][t];
                y[row] = targets == null ? 0 : targets[b][t];
            }
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("h0", Nd4j.zeros(DataType.FLOAT, batch, hidden));
        ph.put("c0", Nd4j.zeros(DataType.FLOAT, batch, hidden));
        ph.put("f", Nd4j.create(f, new long[] {rows, width}, 'c'));
        ph.put("r", Nd4j.create(r, new long[] {rows, 1}, 'c'));
        ph.put("y", Nd4j.create(y, new long[] {rows}, 'c'));
        return ph;
    }

    private void bind() {
        for (String n : names) {
            sd.getVariable(n).setArray(params.get(n));
        }
    }

    /**
     * One TD step on a batch of whole sessions.
     *
     * @param feats    [B][T][width] padded features of the recommended items
     * @param rewards  [B][T] observed rewards (the LSTM input)
     * @param targets  [B][T] TD targets
     * @param adam     the optimizer
     * @param update   names to update (a frozen item map is left out)
     * @return the loss before the step
     * @throws IllegalStateException if the loss is not finite
     */
    double train(float[][][] feats, float[][] rewards, float[][] targets, Adam adam, Collection<String> update) {
        bind();
        OutAndGrad og = sd.calculateGradientsAndOutputs(feed(feats, rewards, targets), List.of("loss"), update);
        double loss = og.getOutputs().get("loss").getDouble(0);
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("TD loss is " + loss);
        }
        adam.step(params, og.getGradients(), update);
        return loss;
    }

    /** Q(s_t, a_t) of the graph, for tests: [B][T]. */
    float[][] graphQ(float[][][] feats, float[][] rewards) {
        bind();
        INDArray q = sd.output(feed(feats, rewards, null), "q").get("q");
        float[][] out = new float[batch][horizon];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < horizon; t++) {
                out[b][t] = q.getFloat(t * batch + b);
            }
        }
        return out;
    }

    /** A copy of the current parameters for the Java forward pass. */
    QSnapshot snapshot() {
        return new QSnapshot(params, width, dim, hidden);
    }
}
