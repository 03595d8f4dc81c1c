package org.surrogate.bundles.sequential;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * A GRU4Rec or NARM network as a SameDiff graph, with its parameters.
 *
 * <p><b>Layout.</b> A batch of B sequences padded on the right to length T is fed time-major: row
 * {@code r = t * B + b} of the input {@code x [T*B, E]} is the embedding of item t of sequence b
 * (zeros past its end). The embedding lookup happens in Java (the gradient of SameDiff's
 * {@code gather} runs a graph loop in 1.0.0-M2.1 and two of them in one graph fail), and the gradient
 * with respect to {@code x} is added back to the embedding rows in Java. Right padding leaves every
 * real step exact: the GRU is causal and NARM's attention is masked to {@code j <= t} within the
 * sequence, so padding never changes a real step's output and a sequence scores the same in any batch.
 *
 * <p><b>GRU4Rec</b>: {@code f_t = h_t} (the GRU state, {@code sd.rnn().gru}, time-major),
 * {@code logits = f_t W_out^T + b_out}. <b>NARM</b>: global encoder {@code h_t}; local encoder
 * {@code c_t = sum_{j<=t} alpha_tj h_j} with {@code alpha_tj = v^T sigmoid(A1 h_t + A2 h_j)} (not
 * normalised, as in the paper); {@code f_t = [h_t ; c_t]}; bilinear decoder
 * {@code logits = f_t B emb^T} with the input embeddings. Loss: softmax cross-entropy over the whole
 * catalogue at every real step, averaged over the steps of the batch.
 *
 * <p>Passes are synchronised: the input rows are the array of a graph variable, replaced per batch.
 */
final class SequenceNetwork {

    /** Parameter names, in the order they are saved. */
    static final List<String> GRU4REC_PARAMS = List.of("emb", "gru_wx", "gru_wh", "gru_b", "out_w", "out_b");
    /** Parameter names of NARM, in the order they are saved. */
    static final List<String> NARM_PARAMS = List.of("emb", "gru_wx", "gru_wh", "gru_b", "att_a1", "att_a2",
            "att_v", "dec_b");

    private final NetworkSettings settings;
    private final Map<String, INDArray> params;
    private final SameDiff sd;
    /** The parameters that are graph variables (all but GRU4Rec's input embedding). */
    private final List<String> graphParams;

    /**
     * Builds the graph around given parameter arrays (used as they are, not copied).
     *
     * @param settings the architecture and sizes
     * @param params   every parameter of {@link #paramNames} with the shape of {@link #shapes}
     * @throws IllegalArgumentException if a parameter is missing or has another shape
     */
    SequenceNetwork(NetworkSettings settings, Map<String, INDArray> params) {
        this.settings = settings;
        Map<String, long[]> shapes = shapes(settings);
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            INDArray a = params.get(e.getKey());
            if (a == null || !java.util.Arrays.equals(a.shape(), e.getValue())) {
                throw new IllegalArgumentException("network parameter '" + e.getKey() + "' must have shape "
                        + java.util.Arrays.toString(e.getValue()) + ", found "
                        + (a == null ? "none" : java.util.Arrays.toString(a.shape())));
            }
        }
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.sd = SameDiff.create();
        this.graphParams = new ArrayList<>();
        build();
    }

    /**
     * The parameter names of an architecture, in saved order.
     *
     * @param kind the architecture
     * @return the names
     */
    static List<String> paramNames(NetworkKind kind) {
        return kind == NetworkKind.NARM ? NARM_PARAMS : GRU4REC_PARAMS;
    }

    /**
     * The shape of every parameter.
     *
     * @param s the settings
     * @return shapes by name, in saved order
     */
    static Map<String, long[]> shapes(NetworkSettings s) {
        long n = s.numItems();
        long e = s.embedding();
        long h = s.hidden();
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("emb", new long[] {n, e});
        m.put("gru_wx", new long[] {e, 3 * h});
        m.put("gru_wh", new long[] {h, 3 * h});
        m.put("gru_b", new long[] {3 * h});
        if (s.kind() == NetworkKind.NARM) {
            m.put("att_a1", new long[] {h, h});
            m.put("att_a2", new long[] {h, h});
            m.put("att_v", new long[] {h, 1});
            m.put("dec_b", new long[] {2 * h, e});
        } else {
            m.put("out_w", new long[] {n, h});
            m.put("out_b", new long[] {n});
        }
        return m;
    }

    /**
     * Fresh parameters: embeddings Gaussian with standard deviation 1/sqrt(E), weight matrices uniform
     * in +-sqrt(6 / (fan in + fan out)) (Glorot), biases 0.
     *
     * @param s   the settings
     * @param rng the generator
     * @return parameters by name
     */
    static Map<String, INDArray> initialParams(NetworkSettings s, Random rng) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : shapes(s).entrySet()) {
            long[] shape = e.getValue();
            int count = (int) (shape.length == 1 ? shape[0] : shape[0] * shape[1]);
            float[] v = new float[count];
            String name = e.getKey();
            if (name.equals("emb")) {
                double std = 1 / Math.sqrt(s.embedding());
                for (int k = 0; k < count; k++) {
                    v[k] = (float) (rng.nextGaussian() * std);
                }
            } else if (!name.endsWith("_b") || name.equals("dec_b")) {
                long fanIn = shape[0];
                long fanOut = shape.length == 1 ? 1 : shape[1];
                if (name.equals("gru_wx") || name.equals("gru_wh")) {
                    fanOut /= 3;
                }
                double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int k = 0; k < count; k++) {
                    v[k] = (float) ((rng.nextDouble() * 2 - 1) * limit);
                }
            }
            m.put(name, Nd4j.create(v, shape, 'c'));
        }
        return m;
    }

    private void build() {
        int h = settings.hidden();
        int e = settings.embedding();
        // A variable, not a placeholder, whose array is replaced for every batch: SameDiff 1.0.0-M2.1 only
        // differentiates ops downstream of a variable, so a placeholder feeding the GRU gets no gradient.
        SDVariable x = sd.var("x", Nd4j.zeros(DataType.FLOAT, 1, e));
        SDVariable xShape = sd.placeHolder("xshape", DataType.INT64, 3);
        SDVariable h0 = sd.placeHolder("h0", DataType.FLOAT, -1, h);
        SDVariable seq = sd.reshape(x, xShape);
        SDVariable states = sd.rnn().gru("gru", seq, h0, param("gru_wx"), param("gru_wh"), param("gru_b"));
        SDVariable features;
        if (settings.kind() == NetworkKind.NARM) {
            // [B, T, H]; reshapes + mmul rather than tensorMmul, whose gradient fails on these shapes in M2.1.
            SDVariable hb = sd.permute(states, 1, 0, 2);
            SDVariable flat = sd.reshape(hb, -1, h);
            SDVariable q1 = sd.reshape(sd.mmul(flat, param("att_a1")), sd.placeHolder("shape_bt1h", DataType.INT64, 4));
            SDVariable q2 = sd.reshape(sd.mmul(flat, param("att_a2")), sd.placeHolder("shape_b1th", DataType.INT64, 4));
            SDVariable gate = sd.nn().sigmoid(q1.add(q2));
            SDVariable alpha = sd.reshape(sd.mmul(sd.reshape(gate, -1, h), param("att_v")),
                    sd.placeHolder("shape_btt", DataType.INT64, 3));
            SDVariable mask = sd.placeHolder("amask", DataType.FLOAT, -1, -1, -1);
            SDVariable local = sd.mmul(alpha.mul(mask), hb);
            SDVariable both = sd.concat(2, hb, local);
            features = sd.reshape("features", sd.permute(both, 1, 0, 2), -1, 2 * h);
        } else {
            features = sd.reshape("features", states, -1, h);
        }
        SDVariable drop = sd.placeHolder("fdrop", DataType.FLOAT, -1, settings.featureWidth());
        SDVariable f = features.mul(drop);
        SDVariable logits;
        if (settings.kind() == NetworkKind.NARM) {
            logits = sd.mmul(sd.mmul(f, param("dec_b")), param("emb"), false, true, false);
        } else {
            logits = sd.mmul(f, param("out_w"), false, true, false).add(param("out_b"));
        }
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, settings.numItems());
        // logSoftmax on the last axis: the axis argument fails inside training in SameDiff 1.0.0-M2.1.
        sd.math().neg("loss", sd.sum(y.mul(sd.nn().logSoftmax(logits))));
        sd.setLossVariables("loss");
    }

    private SDVariable param(String name) {
        graphParams.add(name);
        if (sd.hasVariable(name)) {
            return sd.getVariable(name);
        }
        return sd.var(name, params.get(name));
    }

    /**
     * The settings.
     *
     * @return the settings
     */
    NetworkSettings settings() {
        return settings;
    }

    /**
     * The parameter arrays by name (live: training updates them in place).
     *
     * @return an unmodifiable map
     */
    Map<String, INDArray> params() {
        return params;
    }

    /**
     * One forward and backward pass.
     *
     * @param batch the batch, with targets and dropout masks
     * @return the gradient of every parameter, and the loss under key "loss" (a scalar)
     */
    synchronized Map<String, INDArray> gradients(SequenceBatch batch) {
        INDArray emb = params.get("emb");
        Map<String, INDArray> ph = batch.placeholders(emb, settings, true);
        sd.getVariable("x").setArray(ph.remove("x"));
        List<String> wanted = new ArrayList<>(new java.util.LinkedHashSet<>(graphParams));
        wanted.add("x");
        OutAndGrad og = sd.calculateGradientsAndOutputs(ph, List.of("loss"), wanted);
        Map<String, INDArray> grads = new HashMap<>(og.getGradients());
        INDArray inputGrad = batch.embeddingGradient(grads.remove("x"), settings);
        INDArray g = grads.get("emb");
        grads.put("emb", g == null ? inputGrad : g.add(inputGrad));
        grads.put("loss", og.getOutputs().get("loss"));
        return grads;
    }

    /**
     * The representation f_t of the last step of each sequence of a batch (inference: no dropout).
     *
     * @param batch the batch of histories, each of length at least 1
     * @return {@code [B, K]} features
     */
    synchronized INDArray lastFeatures(SequenceBatch batch) {
        Map<String, INDArray> ph = batch.placeholders(params.get("emb"), settings, false);
        sd.getVariable("x").setArray(ph.remove("x"));
        INDArray all = sd.output(ph, "features").get("features");
        return all.getRows(batch.lastRows());
    }

    /**
     * The scores of every item for given step representations.
     *
     * @param features {@code [R, K]} representations
     * @return {@code [R, numItems]} scores
     */
    INDArray logits(INDArray features) {
        if (settings.kind() == NetworkKind.NARM) {
            return Nd4j.gemm(features.mmul(params.get("dec_b")), params.get("emb"), false, true);
        }
        return Nd4j.gemm(features, params.get("out_w"), false, true).addiRowVector(params.get("out_b"));
    }
}
