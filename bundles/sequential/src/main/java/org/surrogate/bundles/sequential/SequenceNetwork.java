package org.surrogate.bundles.sequential;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A GRU4Rec, NARM, STAMP or SASRec network as a SameDiff graph, with its parameters.
 *
 * <p><b>Layout.</b> A batch of B sequences padded on the right to length T is fed time-major: row
 * {@code r = t * B + b} of the input {@code x [T*B, E]} is the embedding of item t of sequence b
 * (zeros past its end). The embedding lookup happens in Java (the gradient of SameDiff's
 * {@code gather} runs a graph loop in 1.0.0-M2.1 and two of them in one graph fail), and the gradient
 * with respect to {@code x} is added back to the embedding rows in Java. Right padding leaves every
 * real step exact: the GRU is causal and NARM's attention is masked to {@code j <= t} within the
 * sequence, so padding never changes a real step's output and a sequence scores the same in any batch.
 *
 * <p><b>GRU4Rec</b>: {@code f_t = h_t} (the GRU state, time-major; the GRU runs in Java, {@link GruPass},
 * and its states enter the graph as a variable),
 * {@code logits = f_t W_out^T + b_out}. <b>NARM</b>: global encoder {@code h_t}; local encoder
 * {@code c_t = sum_{j<=t} alpha_tj h_j} with {@code alpha_tj = v^T sigmoid(A1 h_t + A2 h_j)} (not
 * normalised, as in the paper); {@code f_t = [h_t ; c_t]}; bilinear decoder
 * {@code logits = f_t B emb^T} with the input embeddings. Loss: softmax cross-entropy over the whole
 * catalogue at every real step, averaged over the steps of the batch. <b>STAMP</b> and <b>SASRec</b>:
 * see {@code stampFeatures} and {@code sasrecFeatures}; both score {@code logits = f_t emb^T} with the
 * input embeddings. SASRec's position embeddings are added to the inputs in Java (like the item
 * lookup) and their gradient is gathered there; STAMP's running mean and SASRec's causal mask keep
 * every real step exact under right padding, as NARM's attention mask does.
 *
 * <p>Passes are synchronised: the input rows are the array of a graph variable, replaced per batch.
 */
final class SequenceNetwork {

    /** Parameter names, in the order they are saved. */
    static final List<String> GRU4REC_PARAMS = List.of("emb", "gru_wx", "gru_wh", "gru_b", "out_w", "out_b");
    /** Parameter names of NARM, in the order they are saved. */
    static final List<String> NARM_PARAMS = List.of("emb", "gru_wx", "gru_wh", "gru_b", "att_a1", "att_a2",
            "att_v", "dec_b");
    /** Parameter names of STAMP, in the order they are saved. */
    static final List<String> STAMP_PARAMS = List.of("emb", "st_w1", "st_w2", "st_w3", "st_att_b", "st_w0", "st_ws",
            "st_s_b", "st_wt", "st_t_b");
    /** Parameter names of SASRec, in the order they are saved. */
    static final List<String> SASREC_PARAMS = List.of("emb", "pos", "ln1_g", "ln1_b", "sa_wq", "sa_wk", "sa_wv",
            "ln2_g", "ln2_b", "ff1_w", "ff1_b", "ff2_w", "ff2_b", "ln3_g", "ln3_b");

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
        return switch (kind) {
            case GRU4REC -> GRU4REC_PARAMS;
            case NARM -> NARM_PARAMS;
            case STAMP -> STAMP_PARAMS;
            case SASREC -> SASREC_PARAMS;
        };
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
        switch (s.kind()) {
            case GRU4REC, NARM -> {
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
            }
            case STAMP -> {
                m.put("st_w1", new long[] {e, h});
                m.put("st_w2", new long[] {e, h});
                m.put("st_w3", new long[] {e, h});
                m.put("st_att_b", new long[] {h});
                m.put("st_w0", new long[] {h, 1});
                m.put("st_ws", new long[] {e, e});
                m.put("st_s_b", new long[] {e});
                m.put("st_wt", new long[] {e, e});
                m.put("st_t_b", new long[] {e});
            }
            case SASREC -> {
                m.put("pos", new long[] {s.maxLength(), e});
                m.put("ln1_g", new long[] {e});
                m.put("ln1_b", new long[] {e});
                m.put("sa_wq", new long[] {e, e});
                m.put("sa_wk", new long[] {e, e});
                m.put("sa_wv", new long[] {e, e});
                m.put("ln2_g", new long[] {e});
                m.put("ln2_b", new long[] {e});
                m.put("ff1_w", new long[] {e, h});
                m.put("ff1_b", new long[] {h});
                m.put("ff2_w", new long[] {h, e});
                m.put("ff2_b", new long[] {e});
                m.put("ln3_g", new long[] {e});
                m.put("ln3_b", new long[] {e});
            }
            default -> throw new IllegalStateException("unknown kind " + s.kind());
        }
        return m;
    }

    /**
     * Fresh parameters: item and position embeddings Gaussian with standard deviation 1/sqrt(E),
     * weight matrices uniform in +-sqrt(6 / (fan in + fan out)) (Glorot), biases 0, layer-norm gains 1.
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
            if (name.endsWith("_g")) {
                java.util.Arrays.fill(v, 1f);
            } else if (name.equals("emb") || name.equals("pos")) {
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
        SDVariable features;
        if (recurrent()) {
            // The GRU runs in Java (GruPass); its states enter the graph as a variable replaced per batch.
            features = recurrentFeatures(sd.var(STATES, Nd4j.zeros(DataType.FLOAT, 1, h)), h);
        } else {
            // A variable, not a placeholder, whose array is replaced for every batch: SameDiff 1.0.0-M2.1
            // only differentiates ops downstream of a variable.
            SDVariable x = sd.var(INPUTS, Nd4j.zeros(DataType.FLOAT, 1, e));
            SDVariable xShape = sd.placeHolder("xshape", DataType.INT64, 3);
            features = settings.kind() == NetworkKind.STAMP ? stampFeatures(x, xShape, h, e) : sasrecFeatures(x, xShape, e);
        }
        SDVariable drop = sd.placeHolder("fdrop", DataType.FLOAT, -1, settings.featureWidth());
        SDVariable f = features.mul(drop);
        SDVariable logits = switch (settings.kind()) {
            case NARM -> sd.mmul(sd.mmul(f, param("dec_b")), param("emb"), false, true, false);
            case GRU4REC -> sd.mmul(f, param("out_w"), false, true, false).add(param("out_b"));
            case STAMP, SASREC -> sd.mmul(f, param("emb"), false, true, false);
        };
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, settings.numItems());
        // The fused op, not -sum(y * logSoftmax(logits)): SameDiff 1.0.0-M2.1's logSoftmax is log(softmax),
        // -infinity once a logit trails the largest by about 100, and 0 * -infinity made the loss NaN
        // (NARM on DIGINETICA, whose small catalogue it learns quickly). Rows of y may sum to any weight.
        sd.loss().softmaxCrossEntropy("loss", y, logits, null, LossReduce.SUM, 0.0);
        sd.setLossVariables("loss");
    }

    /** The graph variable holding the input rows (STAMP, SASRec) or the GRU's states (GRU4Rec, NARM). */
    private static final String INPUTS = "x";
    private static final String STATES = "hs";

    private boolean recurrent() {
        return settings.kind() == NetworkKind.GRU4REC || settings.kind() == NetworkKind.NARM;
    }

    /** The name of the variable whose array is replaced per batch and whose gradient is asked for. */
    private String inputVariable() {
        return recurrent() ? STATES : INPUTS;
    }

    /** GRU4Rec's and NARM's {@code [T*B, K]} step representations from the GRU states {@code [T*B, H]}. */
    private SDVariable recurrentFeatures(SDVariable states, int h) {
        if (settings.kind() != NetworkKind.NARM) {
            return sd.identity("features", states);
        }
        // [B, T, H]; reshapes + mmul rather than tensorMmul, whose gradient fails on these shapes in M2.1.
        SDVariable hb = sd.permute(sd.reshape(states, sd.placeHolder("shape_tbh", DataType.INT64, 3)), 1, 0, 2);
        SDVariable flat = sd.reshape(hb, -1, h);
        SDVariable q1 = sd.reshape(sd.mmul(flat, param("att_a1")), sd.placeHolder("shape_bt1h", DataType.INT64, 4));
        SDVariable q2 = sd.reshape(sd.mmul(flat, param("att_a2")), sd.placeHolder("shape_b1th", DataType.INT64, 4));
        SDVariable gate = sd.nn().sigmoid(q1.add(q2));
        SDVariable alpha = sd.reshape(sd.mmul(sd.reshape(gate, -1, h), param("att_v")),
                sd.placeHolder("shape_btt", DataType.INT64, 3));
        SDVariable mask = sd.placeHolder("amask", DataType.FLOAT, -1, -1, -1);
        SDVariable local = sd.mmul(alpha.mul(mask), hb);
        SDVariable both = sd.concat(2, hb, local);
        return sd.reshape("features", sd.permute(both, 1, 0, 2), -1, 2 * h);
    }

    /**
     * STAMP's step representations: for step t, {@code m_s} the mean of the embeddings so far,
     * {@code x_t} the last one, attention {@code alpha_tj = w0 . sigmoid(W1 x_j + W2 x_t + W3 m_s + b_a)}
     * over j <= t (unnormalised, as in the paper), {@code m_a = sum_j alpha_tj x_j},
     * {@code h_s = tanh(Ws m_a + b_s)}, {@code h_t = tanh(Wt x_t + b_t)}, feature {@code h_s * h_t}.
     */
    private SDVariable stampFeatures(SDVariable x, SDVariable xShape, int h, int e) {
        SDVariable shapeBte = sd.placeHolder("shape_bte", DataType.INT64, 3);
        // x is time-major [T*B, E]: to [T, B, E], then [B, T, E].
        SDVariable xb = sd.permute(sd.reshape(x, xShape), 1, 0, 2);
        SDVariable mask = sd.placeHolder("amask", DataType.FLOAT, -1, -1, -1);
        SDVariable cmean = sd.placeHolder("cmean", DataType.FLOAT, -1, -1, -1);
        SDVariable ms = sd.mmul(cmean, xb);
        SDVariable flatX = sd.reshape(xb, -1, e);
        SDVariable flatMs = sd.reshape(ms, -1, e);
        SDVariable query = sd.mmul(flatX, param("st_w2")).add(sd.mmul(flatMs, param("st_w3"))).add(param("st_att_b"));
        SDVariable key = sd.mmul(flatX, param("st_w1"));
        SDVariable q = sd.reshape(query, sd.placeHolder("shape_bt1h", DataType.INT64, 4));
        SDVariable k = sd.reshape(key, sd.placeHolder("shape_b1th", DataType.INT64, 4));
        SDVariable gate = sd.nn().sigmoid(q.add(k));
        SDVariable alpha = sd.reshape(sd.mmul(sd.reshape(gate, -1, h), param("st_w0")),
                sd.placeHolder("shape_btt", DataType.INT64, 3));
        SDVariable ma = sd.reshape(sd.mmul(alpha.mul(mask), xb), -1, e);
        SDVariable hs = sd.math().tanh(sd.mmul(ma, param("st_ws")).add(param("st_s_b")));
        SDVariable ht = sd.math().tanh(sd.mmul(flatX, param("st_wt")).add(param("st_t_b")));
        SDVariable fb = sd.reshape(hs.mul(ht), shapeBte);
        return sd.reshape("features", sd.permute(fb, 1, 0, 2), -1, e);
    }

    /**
     * SASRec's step representations (one block, one head): {@code z = x + pos} (added in Java),
     * {@code q = LN1(z)}, causal attention {@code a = softmax(q Wq (z Wk)^T / sqrt(E) + mask) z Wv},
     * {@code u = q + a}, {@code v = LN2(u)}, {@code f = LN3(v + relu(v W1 + b1) W2 + b2)}.
     */
    private SDVariable sasrecFeatures(SDVariable x, SDVariable xShape, int e) {
        SDVariable shapeBte = sd.placeHolder("shape_bte", DataType.INT64, 3);
        SDVariable xb = sd.permute(sd.reshape(x, xShape), 1, 0, 2);
        SDVariable flatZ = sd.reshape(xb, -1, e);
        SDVariable q = layerNorm(flatZ, "ln1");
        SDVariable qb = sd.reshape(sd.mmul(q, param("sa_wq")), shapeBte);
        SDVariable kb = sd.reshape(sd.mmul(flatZ, param("sa_wk")), shapeBte);
        SDVariable vb = sd.reshape(sd.mmul(flatZ, param("sa_wv")), shapeBte);
        SDVariable bias = sd.placeHolder("abias", DataType.FLOAT, -1, -1, -1);
        SDVariable scores = sd.mmul(qb, kb, false, true, false).mul(1.0 / Math.sqrt(e)).add(bias);
        SDVariable att = sd.nn().softmax(scores);
        SDVariable a = sd.reshape(sd.mmul(att, vb), -1, e);
        SDVariable v = layerNorm(q.add(a), "ln2");
        SDVariable hidden = sd.nn().relu(sd.mmul(v, param("ff1_w")).add(param("ff1_b")), 0);
        SDVariable out = layerNorm(v.add(sd.mmul(hidden, param("ff2_w")).add(param("ff2_b"))), "ln3");
        SDVariable fb = sd.reshape(out, shapeBte);
        return sd.reshape("features", sd.permute(fb, 1, 0, 2), -1, e);
    }

    /** Layer normalisation of the rows of {@code [R, E]}, with gain and bias {@code <name>_g, <name>_b}. */
    private SDVariable layerNorm(SDVariable rows, String name) {
        SDVariable mu = rows.mean(true, 1);
        SDVariable centred = rows.sub(mu);
        SDVariable variance = centred.mul(centred).mean(true, 1);
        SDVariable normed = centred.div(sd.math().sqrt(variance.add(1e-6)));
        return normed.mul(param(name + "_g")).add(param(name + "_b"));
    }

    private SDVariable param(String name) {
        graphParams.add(name);
        if (sd.hasVariable(name)) {
            return sd.getVariable(name);
        }
        return sd.var(name, params.get(name));
    }

    /**
     * The graph (tests inspect its sessions).
     *
     * @return the SameDiff instance
     */
    SameDiff graph() {
        return sd;
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

    /** The GRU pass of the current batch (GRU4Rec, NARM), for the backward pass. */
    private GruPass gru;

    private Map<String, INDArray> placeholders(SequenceBatch batch, SequenceBatch.Mode mode) {
        Map<String, INDArray> ph = batch.placeholders(params.get("emb"), params.get("pos"), settings, mode);
        INDArray x = ph.remove(INPUTS);
        if (recurrent()) {
            gru = GruPass.forward(x, batch.steps(), params.get("gru_wx"), params.get("gru_wh"), params.get("gru_b"));
            sd.getVariable(STATES).setArray(gru.states());
        } else {
            sd.getVariable(INPUTS).setArray(x);
        }
        return ph;
    }

    /** Frees an output unless it is the array of the graph's input variable (GRU4Rec's features are its states). */
    private void freeOutput(INDArray output) {
        if (output != sd.getVariable(inputVariable()).getArr()) {
            ClosingMemoryManager.free(output);
        }
    }

    /** The gradient with respect to the input rows, from the graph's gradient of its input variable. */
    private float[] inputGradient(Map<String, INDArray> grads) {
        if (!recurrent()) {
            return grads.remove(INPUTS).dup('c').data().asFloat();
        }
        GruPass.Gradients g = gru.backward(grads.remove(STATES));
        grads.put("gru_wx", g.wx());
        grads.put("gru_wh", g.wh());
        grads.put("gru_b", g.b());
        return g.x().data().asFloat();
    }

    /**
     * One forward and backward pass.
     *
     * @param batch the batch, with targets and dropout masks
     * @return the gradient of every parameter, and the loss under key "loss" (a scalar)
     */
    synchronized Map<String, INDArray> gradients(SequenceBatch batch) {
        Map<String, INDArray> ph = placeholders(batch, SequenceBatch.Mode.TRAIN);
        List<String> wanted = new ArrayList<>(new java.util.LinkedHashSet<>(graphParams));
        wanted.add(inputVariable());
        OutAndGrad og = sd.calculateGradientsAndOutputs(ph, List.of("loss"), wanted);
        ClosingMemoryManager.install(sd);
        Map<String, INDArray> grads = new HashMap<>(og.getGradients());
        float[] dx = inputGradient(grads);
        INDArray inputGrad = batch.embeddingGradient(dx, settings);
        INDArray g = grads.get("emb");
        grads.put("emb", g == null ? inputGrad : g.add(inputGrad));
        if (params.containsKey("pos")) {
            grads.put("pos", batch.positionGradient(dx, settings));
        }
        grads.put("loss", og.getOutputs().get("loss"));
        ClosingMemoryManager.free(ph.values());
        return grads;
    }

    /**
     * The loss's gradient with respect to the overridden input rows of a batch, for a fixed network
     * (no dropout), with the last-step representations.
     *
     * @param batch a probing batch (summed loss, soft or last-step targets, row overrides)
     * @return the last-step features {@code [B, K]} and each sequence's row gradient
     */
    synchronized Probe probe(SequenceBatch batch) {
        Map<String, INDArray> ph = placeholders(batch, SequenceBatch.Mode.PROBE);
        OutAndGrad og = sd.calculateGradientsAndOutputs(ph, List.of("loss", "features"),
                List.of(inputVariable()));
        ClosingMemoryManager.install(sd);
        float[] dx = inputGradient(new HashMap<>(og.getGradients()));
        INDArray all = og.getOutputs().get("features");
        INDArray features = all.getRows(batch.lastRows());
        freeOutput(all);
        ClosingMemoryManager.free(og.getGradients().values());
        ClosingMemoryManager.free(ph.values());
        return new Probe(features, batch.overrideGradients(dx, settings.embedding()));
    }

    /**
     * The result of {@link #probe}.
     *
     * @param lastFeatures the representation of each sequence's last step, {@code [B, K]}
     * @param rowGradients per sequence, the gradient of its loss with respect to its overridden row
     */
    record Probe(INDArray lastFeatures, float[][] rowGradients) {
    }

    /**
     * The representation f_t of the last step of each sequence of a batch (inference: no dropout).
     *
     * @param batch the batch of histories, each of length at least 1
     * @return {@code [B, K]} features
     */
    synchronized INDArray lastFeatures(SequenceBatch batch) {
        Map<String, INDArray> ph = placeholders(batch, SequenceBatch.Mode.INFER);
        INDArray all = sd.output(ph, "features").get("features");
        ClosingMemoryManager.install(sd);
        INDArray last = all.getRows(batch.lastRows());
        freeOutput(all);
        ClosingMemoryManager.free(ph.values());
        return last;
    }

    /**
     * The scores of every item for given step representations.
     *
     * @param features {@code [R, K]} representations
     * @return {@code [R, numItems]} scores
     */
    INDArray logits(INDArray features) {
        return switch (settings.kind()) {
            case NARM -> {
                try (INDArray decoded = features.mmul(params.get("dec_b"))) {
                    yield Nd4j.gemm(decoded, params.get("emb"), false, true);
                }
            }
            case GRU4REC -> Nd4j.gemm(features, params.get("out_w"), false, true).addiRowVector(params.get("out_b"));
            case STAMP, SASREC -> Nd4j.gemm(features, params.get("emb"), false, true);
        };
    }
}
