package org.surrogate.bundles.autoencoders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The arrays of a CF-SFL network and its forward pass, written once for SameDiff (training) and once
 * for plain ND4J (scoring), with the same arithmetic.
 *
 * <p><b>Recommender</b> (θ): the Mult-VAE layers of stage 1 ({@code enc<k>}, {@code mu},
 * {@code logvar}, {@code dec<k>}, {@code out}) plus {@code fb_w} (feedback width x first hidden
 * width): the paper's recommender reads the concatenation {@code [x / |x|_2 ; v / |v|_2]}, whose first
 * layer is {@code x enc0_w + v fb_w}. At step 0 the feedback is 0 and the term is left out, so step
 * 0 is Mult-VAE's network exactly.
 *
 * <p><b>Reward estimator</b> (φ): the fusion lookup table {@code fuse_B} (items x fusionDim; the
 * paper's appendix A.1), {@code h(x, a) = (x / |x|_1 + a) B} where {@code a} is the recommender's
 * softmax over the items (a differentiable stand-in for the recommended items), then an MLP
 * fusionDim-W-W-W-1 with ReLU ({@code rew0..rew3}, Table 2) giving the logit {@code s};
 * {@code R = sigmoid(s)}.
 *
 * <p><b>Feedback generator</b> (ψ): an MLP (fusionDim + 1)-W-W-W with ReLU on the hidden layers and
 * a linear last layer ({@code gen0..gen2}, Table 2) on {@code [h ; R]}, giving the feedback
 * {@code v} (width W).
 */
final class CfSflNet {

    /** Names of the reward estimator's arrays (φ). */
    static final List<String> REWARD = List.of("fuse_B", "rew0_w", "rew0_b", "rew1_w", "rew1_b", "rew2_w", "rew2_b",
            "rew3_w", "rew3_b");
    /** Names of the feedback generator's arrays (ψ). */
    static final List<String> GENERATOR = List.of("gen0_wf", "gen0_wr", "gen0_b", "gen1_w", "gen1_b", "gen2_w",
            "gen2_b");

    /** All arrays by name, c order. */
    final Map<String, INDArray> arrays = new LinkedHashMap<>();
    /** The recommender's array names (θ), including {@code fb_w}. */
    final List<String> recommender = new ArrayList<>();
    /** Hidden encoder layers (tanh) before the mean and log-variance heads. */
    final int hiddenEncoder;
    /** Decoder tanh layers before the output layer. */
    final int decoders;
    /** The number of items. */
    final int numItems;

    /**
     * Takes the trained Mult-VAE of stage 1 and initialises the feedback input weights, the reward
     * estimator and the feedback generator: Glorot uniform weights and zero biases, drawn from
     * {@code init} in the order {@code fb_w}, generator, reward estimator (the lookup table
     * uniform in {@code +-0.01}).
     *
     * @param graph     the trained graph of stage 1 (Mult-VAE with at least one hidden encoder layer)
     * @param settings  its settings
     * @param fusionDim the fusion width
     * @param width     the virtual user's hidden width, also the feedback width
     * @param init      the random stream
     */
    CfSflNet(AutoencoderGraph graph, AutoencoderSettings settings, int fusionDim, int width, Random init) {
        SameDiff sd = graph.sameDiff();
        List<Integer> dims = settings.encoderDims();
        this.hiddenEncoder = dims.size() - 1;
        this.decoders = dims.size() - 1;
        this.numItems = (int) graph.projections().get(0).weights().size(0);
        put("enc0_w", graph.projections().get(0).weights().dup('c'), true);
        put("enc0_b", sd.getArrForVarName("enc0_b").dup('c'), true);
        for (int k = 1; k < hiddenEncoder; k++) {
            put("enc" + k + "_w", sd.getArrForVarName("enc" + k + "_w").dup('c'), true);
            put("enc" + k + "_b", sd.getArrForVarName("enc" + k + "_b").dup('c'), true);
        }
        for (String head : List.of("mu", "logvar")) {
            put(head + "_w", sd.getArrForVarName(head + "_w").dup('c'), true);
            put(head + "_b", sd.getArrForVarName(head + "_b").dup('c'), true);
        }
        for (int k = 0; k < decoders; k++) {
            put("dec" + k + "_w", sd.getArrForVarName("dec" + k + "_w").dup('c'), true);
            put("dec" + k + "_b", sd.getArrForVarName("dec" + k + "_b").dup('c'), true);
        }
        put("out_w", sd.getArrForVarName("out_w").dup('c'), true);
        put("out_b", sd.getArrForVarName("out_b").dup('c'), true);
        put("fb_w", glorot(init, width, dims.get(0)), true);
        put("gen0_wf", glorot(init, fusionDim, width), false);
        put("gen0_wr", glorot(init, 1, width), false);
        put("gen0_b", Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, width), false);
        put("gen1_w", glorot(init, width, width), false);
        put("gen1_b", Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, width), false);
        put("gen2_w", glorot(init, width, width), false);
        put("gen2_b", Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, width), false);
        float[] table = new float[numItems * fusionDim];
        for (int k = 0; k < table.length; k++) {
            table[k] = (2 * init.nextFloat() - 1) * 0.01f;
        }
        put("fuse_B", Nd4j.create(table, new long[] {numItems, fusionDim}, 'c'), false);
        int in = fusionDim;
        for (int k = 0; k < 4; k++) {
            int out = k == 3 ? 1 : width;
            put("rew" + k + "_w", glorot(init, in, out), false);
            put("rew" + k + "_b", Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, out), false);
            in = out;
        }
    }

    /**
     * Wraps arrays read back from a saved model (not copied).
     *
     * @param arrays        every array by name, as {@link #arrays} of a trained net
     * @param hiddenEncoder hidden encoder layers before the heads
     * @param decoders      decoder tanh layers before the output layer
     * @throws IllegalArgumentException if an array is missing, unknown, or of a shape that does not chain
     */
    CfSflNet(Map<String, INDArray> arrays, int hiddenEncoder, int decoders) {
        if (hiddenEncoder < 1 || decoders < 1) {
            throw new IllegalArgumentException(hiddenEncoder + " hidden encoder layers and " + decoders
                    + " decoder layers; CF-SFL needs at least one of each");
        }
        this.hiddenEncoder = hiddenEncoder;
        this.decoders = decoders;
        List<String> expected = new ArrayList<>(List.of("enc0_w", "enc0_b"));
        for (int k = 1; k < hiddenEncoder; k++) {
            expected.addAll(List.of("enc" + k + "_w", "enc" + k + "_b"));
        }
        expected.addAll(List.of("mu_w", "mu_b", "logvar_w", "logvar_b"));
        for (int k = 0; k < decoders; k++) {
            expected.addAll(List.of("dec" + k + "_w", "dec" + k + "_b"));
        }
        expected.addAll(List.of("out_w", "out_b", "fb_w"));
        int recommenderCount = expected.size();
        expected.addAll(GENERATOR);
        expected.addAll(REWARD);
        if (!arrays.keySet().equals(new java.util.HashSet<>(expected))) {
            throw new IllegalArgumentException("arrays " + arrays.keySet() + ", expected " + expected);
        }
        for (int k = 0; k < expected.size(); k++) {
            put(expected.get(k), arrays.get(expected.get(k)), k < recommenderCount);
        }
        INDArray enc0 = arrays.get("enc0_w");
        this.numItems = (int) enc0.size(0);
        int fusion = (int) arrays.get("fuse_B").size(1);
        int width = (int) arrays.get("gen2_w").size(1);
        // Shapes that must chain; a product of mismatched arrays would fail later, deep in ND4J.
        check(enc0.rank() == 2 && arrays.get("out_w").size(1) == numItems && arrays.get("fuse_B").size(0) == numItems,
                "enc0_w, out_w and fuse_B must have one row (column for out_w) per item");
        check(arrays.get("fb_w").size(0) == width && arrays.get("fb_w").size(1) == enc0.size(1),
                "fb_w must be feedback width x first hidden width");
        check(arrays.get("gen0_wf").size(0) == fusion && arrays.get("gen0_wr").size(0) == 1
                && arrays.get("rew0_w").size(0) == fusion && arrays.get("rew3_w").size(1) == 1,
                "the virtual user's first layers must read the fusion width and its reward layer give one value");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The fusion width (columns of the lookup table).
     *
     * @return the width
     */
    int fusionDim() {
        return (int) arrays.get("fuse_B").size(1);
    }

    private void put(String name, INDArray value, boolean isRecommender) {
        arrays.put(name, value);
        if (isRecommender) {
            recommender.add(name);
        }
    }

    private static INDArray glorot(Random rng, int in, int out) {
        float limit = (float) Math.sqrt(6.0 / (in + out));
        float[] v = new float[in * out];
        for (int k = 0; k < v.length; k++) {
            v[k] = (2 * rng.nextFloat() - 1) * limit;
        }
        return Nd4j.create(v, new long[] {in, out}, 'c');
    }

    // ---------------------------------------------------------------- SameDiff

    /**
     * The recommender's logits in a SameDiff graph whose variables carry this net's names.
     *
     * @param sd       the graph
     * @param x        the normalised (and dropped-out) input rows
     * @param feedback the normalised feedback, or null at step 0
     * @param noise    the reparameterisation noise, or null for the mean
     * @param heads    receives {mu, logvar}
     * @return the logits
     */
    SDVariable recommend(SameDiff sd, SDVariable x, SDVariable feedback, SDVariable noise, SDVariable[] heads) {
        SDVariable pre = x.mmul(sd.getVariable("enc0_w"));
        if (feedback != null) {
            pre = pre.add(feedback.mmul(sd.getVariable("fb_w")));
        }
        SDVariable h = sd.math().tanh(sd.nn().biasAdd(pre, sd.getVariable("enc0_b"), true));
        for (int k = 1; k < hiddenEncoder; k++) {
            h = dense(sd, h, "enc" + k, true);
        }
        SDVariable mu = dense(sd, h, "mu", false);
        SDVariable logvar = dense(sd, h, "logvar", false);
        heads[0] = mu;
        heads[1] = logvar;
        SDVariable z = noise == null ? mu : mu.add(noise.mul(sd.math().exp(logvar.mul(0.5))));
        for (int k = 0; k < decoders; k++) {
            z = dense(sd, z, "dec" + k, true);
        }
        return dense(sd, z, "out", false);
    }

    /**
     * The reward logit {@code s} of fused inputs.
     *
     * @param sd   the graph
     * @param fuse the fused inputs, batch x fusionDim
     * @return batch x 1
     */
    SDVariable rewardLogit(SameDiff sd, SDVariable fuse) {
        SDVariable h = fuse;
        for (int k = 0; k < 3; k++) {
            h = sd.nn().relu(sd.nn().biasAdd(h.mmul(sd.getVariable("rew" + k + "_w")),
                    sd.getVariable("rew" + k + "_b"), true), 0.0);
        }
        return sd.nn().biasAdd(h.mmul(sd.getVariable("rew3_w")), sd.getVariable("rew3_b"), true);
    }

    /**
     * The fused input {@code (xmean + a) B}.
     *
     * @param sd    the graph
     * @param xmean the binary rows divided by their sums
     * @param a     the recommendation distributions
     * @return batch x fusionDim
     */
    SDVariable fuse(SameDiff sd, SDVariable xmean, SDVariable a) {
        return xmean.add(a).mmul(sd.getVariable("fuse_B"));
    }

    /**
     * The normalised feedback {@code v / sqrt(|v|^2 + 1e-8)} from fused inputs and reward logits.
     *
     * @param sd    the graph
     * @param fuse  the fused inputs
     * @param logit the reward logits (batch x 1)
     * @return batch x width
     */
    SDVariable feedback(SameDiff sd, SDVariable fuse, SDVariable logit) {
        SDVariable r = sd.nn().sigmoid(logit);
        SDVariable pre = fuse.mmul(sd.getVariable("gen0_wf")).add(r.mmul(sd.getVariable("gen0_wr")));
        SDVariable h = sd.nn().relu(sd.nn().biasAdd(pre, sd.getVariable("gen0_b"), true), 0.0);
        h = sd.nn().relu(sd.nn().biasAdd(h.mmul(sd.getVariable("gen1_w")), sd.getVariable("gen1_b"), true), 0.0);
        SDVariable v = sd.nn().biasAdd(h.mmul(sd.getVariable("gen2_w")), sd.getVariable("gen2_b"), true);
        SDVariable norm = sd.math().sqrt(v.mul(v).sum(true, 1).add(1e-8));
        return v.div(norm);
    }

    private static SDVariable dense(SameDiff sd, SDVariable x, String name, boolean tanh) {
        SDVariable y = sd.nn().biasAdd(x.mmul(sd.getVariable(name + "_w")), sd.getVariable(name + "_b"), true);
        return tanh ? sd.math().tanh(y) : y;
    }

    // ---------------------------------------------------------------- ND4J scoring

    /**
     * The logits after {@code steps} feedback steps, without noise (the latent mean at each step).
     *
     * @param x     normalised input rows, batch x items
     * @param xmean the rows divided by their sums, batch x items
     * @param steps the number of feedback steps T
     * @return batch x items
     */
    INDArray scoreLogits(INDArray x, INDArray xmean, int steps) {
        INDArray feedback = null;
        INDArray logits = null;
        for (int t = 0; t <= steps; t++) {
            INDArray pre = x.mmul(arrays.get("enc0_w"));
            if (feedback != null) {
                pre.addi(feedback.mmul(arrays.get("fb_w")));
            }
            INDArray h = Transforms.tanh(pre.addiRowVector(arrays.get("enc0_b")), false);
            for (int k = 1; k < hiddenEncoder; k++) {
                h = dense(h, "enc" + k, true);
            }
            INDArray z = dense(h, "mu", false);
            for (int k = 0; k < decoders; k++) {
                z = dense(z, "dec" + k, true);
            }
            logits = dense(z, "out", false);
            if (t < steps) {
                INDArray a = softmaxRows(logits);
                INDArray fused = xmean.add(a).mmul(arrays.get("fuse_B"));
                INDArray r = Transforms.sigmoid(rewardLogit(fused), false);
                feedback = feedback(fused, r);
            }
        }
        return logits;
    }

    /**
     * The feedback generator (ND4J): the normalised feedback {@code v / sqrt(|v|^2 + 1e-8)} from fused
     * inputs and rewards.
     *
     * @param fused batch x fusionDim
     * @param r     the rewards R (not the logits), batch x 1
     * @return batch x feedback width
     */
    INDArray feedback(INDArray fused, INDArray r) {
        INDArray g = fused.mmul(arrays.get("gen0_wf")).addi(r.mmul(arrays.get("gen0_wr")));
        g = Transforms.relu(g.addiRowVector(arrays.get("gen0_b")), false);
        g = Transforms.relu(g.mmul(arrays.get("gen1_w")).addiRowVector(arrays.get("gen1_b")), false);
        INDArray v = g.mmul(arrays.get("gen2_w")).addiRowVector(arrays.get("gen2_b"));
        INDArray norm = Transforms.sqrt(v.mul(v).sum(true, 1).addi(1e-8), false);
        return v.diviColumnVector(norm);
    }

    /**
     * The reward logits of fused inputs (ND4J).
     *
     * @param fused batch x fusionDim
     * @return batch x 1
     */
    INDArray rewardLogit(INDArray fused) {
        INDArray h = fused;
        for (int k = 0; k < 3; k++) {
            h = Transforms.relu(h.mmul(arrays.get("rew" + k + "_w")).addiRowVector(arrays.get("rew" + k + "_b")),
                    false);
        }
        return h.mmul(arrays.get("rew3_w")).addiRowVector(arrays.get("rew3_b"));
    }

    private INDArray dense(INDArray x, String name, boolean tanh) {
        INDArray y = x.mmul(arrays.get(name + "_w")).addiRowVector(arrays.get(name + "_b"));
        return tanh ? Transforms.tanh(y, false) : y;
    }

    /**
     * Row-wise softmax, max-shifted.
     *
     * @param logits batch x items
     * @return a new array
     */
    static INDArray softmaxRows(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray e = Transforms.exp(shifted, false);
        return e.diviColumnVector(e.sum(true, 1));
    }
}
