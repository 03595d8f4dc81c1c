package org.surrogate.bundles.recsimu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The parameters of one network (a generator or a discriminator) and the layers built on them. The
 * arrays are created once and used as they are by every graph that builds on them (SameDiff keeps
 * the array it is given), so a discriminator trained in its own graph is the same discriminator
 * inside the generator's graph. Weight matrices are Glorot-uniform, biases zero, from a seeded
 * generator in creation order.
 */
final class NetParams {

    private final String prefix;
    private final Random rng;
    private final Map<String, INDArray> arrays = new LinkedHashMap<>();

    /**
     * An empty parameter set.
     *
     * @param prefix the name prefix of this network's parameters, such as "g_"
     * @param rng    the initialisation generator
     */
    NetParams(String prefix, Random rng) {
        this.prefix = prefix;
        this.rng = rng;
    }

    /**
     * The arrays by name (live: optimisers update them in place).
     *
     * @return an unmodifiable view
     */
    Map<String, INDArray> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    /**
     * The parameter names.
     *
     * @return the names, in creation order
     */
    List<String> names() {
        return new ArrayList<>(arrays.keySet());
    }

    private SDVariable weight(SameDiff sd, String name, int in, int out, int gates) {
        String full = prefix + name;
        if (!arrays.containsKey(full)) {
            double limit = Math.sqrt(6.0 / (in + out / (double) gates));
            float[] v = new float[in * out];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) ((rng.nextDouble() * 2 - 1) * limit);
            }
            arrays.put(full, Nd4j.create(v, new long[] {in, out}, 'c'));
        }
        return sd.hasVariable(full) ? sd.getVariable(full) : sd.var(full, arrays.get(full));
    }

    private SDVariable bias(SameDiff sd, String name, int size) {
        String full = prefix + name;
        arrays.computeIfAbsent(full, k -> Nd4j.zeros(DataType.FLOAT, size));
        return sd.hasVariable(full) ? sd.getVariable(full) : sd.var(full, arrays.get(full));
    }

    /**
     * A fully connected layer {@code x W + b}.
     *
     * @param sd   the graph
     * @param name the layer name
     * @param x    {@code [B, in]}
     * @param in   input width
     * @param out  output width
     * @return {@code [B, out]} before activation
     */
    SDVariable dense(SameDiff sd, String name, SDVariable x, int in, int out) {
        return sd.mmul(x, weight(sd, name + "_w", in, out, 1)).add(bias(sd, name + "_b", out));
    }

    /**
     * The paper's state encoder (Eq. 1-2 and the GRU): the feedback embedding
     * {@code F_n = tanh(W_F f_n + b_F)}, shared by all positions, concatenated to the item embedding,
     * a GRU over the N positions, and its last hidden state. The GRU is unrolled from matrix products
     * and element-wise ops ({@code r = s(x W_xr + h W_hr + b_r)}, {@code z = s(x W_xz + h W_hz + b_z)},
     * {@code n = tanh(x W_xn + r * (h W_hn) + b_n)}, {@code h' = n + z * (h - n)}) rather than SameDiff's
     * {@code rnn().gru}: training with that op in 1.0.0-M2.1 grew the process by about 10 MB of native
     * memory per batch of 500 that no garbage collection returned (measured), which ends in the kernel's
     * out-of-memory killer within one run.
     *
     * @param sd          the graph
     * @param items       {@code [N*B, E]} time-major item embeddings
     * @param feedback    {@code [N*B, K]} time-major one-hot feedback
     * @param h0          {@code [B, H]} zero initial state
     * @param s           the sizes
     * @return {@code [B, H]} the preference p
     */
    SDVariable encoder(SameDiff sd, SDVariable items, SDVariable feedback, SDVariable h0, NetSettings s) {
        SDVariable f = sd.math().tanh(dense(sd, "fb", feedback, s.types(), s.feedbackEmbedding()));
        int in = s.embedding() + s.feedbackEmbedding();
        int h = s.hidden();
        int n = s.historyLength();
        SDVariable input = sd.concat(1, items, f);
        SDVariable[] xr = steps(sd, dense(sd, "gru_xr", input, in, h), s, "r");
        SDVariable[] xz = steps(sd, dense(sd, "gru_xz", input, in, h), s, "z");
        SDVariable[] xn = steps(sd, dense(sd, "gru_xn", input, in, h), s, "n");
        SDVariable whr = weight(sd, "gru_hr", h, h, 1);
        SDVariable whz = weight(sd, "gru_hz", h, h, 1);
        SDVariable whn = weight(sd, "gru_hn", h, h, 1);
        SDVariable state = h0;
        for (int t = 0; t < n; t++) {
            SDVariable r = sd.nn().sigmoid(xr[t].add(sd.mmul(state, whr)));
            SDVariable z = sd.nn().sigmoid(xz[t].add(sd.mmul(state, whz)));
            SDVariable cand = sd.math().tanh(xn[t].add(r.mul(sd.mmul(state, whn))));
            state = cand.add(z.mul(state.sub(cand)));
        }
        return state;
    }

    /**
     * Splits time-major rows {@code [N*B, H]} into N arrays {@code [B, H]} by products with one-hot
     * selectors: the gradient of SameDiff's {@code unstack} in 1.0.0-M2.1 did not let the encoder learn
     * from its inputs (a test whose signal is only in the state failed with it and passes with this).
     */
    private SDVariable[] steps(SameDiff sd, SDVariable rows, NetSettings s, String tag) {
        int n = s.historyLength();
        SDVariable flat = sd.reshape(rows, n, -1);
        SDVariable[] out = new SDVariable[n];
        for (int t = 0; t < n; t++) {
            String name = prefix + "sel_" + tag + t;
            INDArray pick = Nd4j.zeros(DataType.FLOAT, 1, n);
            pick.putScalar(0, t, 1f);
            SDVariable select = sd.hasVariable(name) ? sd.getVariable(name) : sd.constant(name, pick);
            out[t] = sd.reshape(sd.mmul(select, flat), -1, s.hidden());
        }
        return out;
    }

    /**
     * A classifier over a state representation and an action: the action embedding through a tanh
     * layer, concatenated to the state, a ReLU layer, and the logits (Fig. 5 of the paper).
     *
     * @param sd      the graph
     * @param state   {@code [B, H]} the preference p
     * @param action  {@code [B, E]} the action embedding
     * @param extra   {@code [B, X]} more inputs concatenated (a feedback vector), or null
     * @param width   X, 0 without extra
     * @param s       the sizes
     * @param classes the number of logits
     * @return {@code [B, classes]} logits
     */
    SDVariable classifier(SameDiff sd, SDVariable state, SDVariable action, SDVariable extra, int width,
                          NetSettings s, int classes) {
        SDVariable ea = sd.math().tanh(dense(sd, "act", action, s.embedding(), s.dense()));
        SDVariable joint = extra == null ? sd.concat(1, state, ea) : sd.concat(1, state, ea, extra);
        SDVariable z = sd.nn().relu(dense(sd, "hid", joint, s.hidden() + s.dense() + width, s.dense()), 0);
        return dense(sd, "out", z, s.dense(), classes);
    }

    /**
     * The state inputs of a graph: variables (not placeholders, whose gradient SameDiff 1.0.0-M2.1 does
     * not propagate through a GRU) whose arrays are replaced per batch, and the zero initial state.
     *
     * @param sd the graph
     * @param s  the sizes
     * @return items, feedback and h0
     */
    static SDVariable[] stateInputs(SameDiff sd, NetSettings s) {
        if (sd.hasVariable("xe")) {
            return new SDVariable[] {sd.getVariable("xe"), sd.getVariable("xf"), sd.getVariable("h0")};
        }
        return new SDVariable[] {sd.var("xe", Nd4j.zeros(DataType.FLOAT, 1, s.embedding())),
                sd.var("xf", Nd4j.zeros(DataType.FLOAT, 1, s.types())),
                sd.placeHolder("h0", DataType.FLOAT, -1, s.hidden())};
    }

    /**
     * Puts a batch's states into a graph built with {@link #stateInputs} and returns the placeholders.
     *
     * @param sd the graph
     * @param b  the batch
     * @param s  the sizes
     * @return the placeholder map, holding h0
     */
    static Map<String, INDArray> feed(SameDiff sd, Batch b, NetSettings s) {
        sd.getVariable("xe").setArray(b.items());
        sd.getVariable("xf").setArray(b.feedback());
        Map<String, INDArray> ph = new java.util.HashMap<>();
        ph.put("h0", Nd4j.zeros(DataType.FLOAT, b.size(), s.hidden()));
        return ph;
    }

    /**
     * The softmax rows of a {@code [B, C]} array, first {@code take} columns renormalised.
     *
     * @param probs probabilities or logits already softmaxed
     * @param take  how many leading columns to keep
     * @return {@code [B][take]} rows summing to 1
     */
    static float[][] rows(INDArray probs, int take) {
        int b = (int) probs.size(0);
        float[][] out = new float[b][take];
        for (int r = 0; r < b; r++) {
            double sum = 0;
            for (int c = 0; c < take; c++) {
                out[r][c] = probs.getFloat(r, c);
                sum += out[r][c];
            }
            for (int c = 0; c < take; c++) {
                out[r][c] = sum > 0 ? (float) (out[r][c] / sum) : 1f / take;
            }
        }
        return out;
    }
}
