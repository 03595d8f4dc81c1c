package org.surrogate.bundles.autoencoders;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff training graph of Mult-VAE or Mult-DAE, and the weights of its input layer, which
 * live outside the graph.
 *
 * <p><b>Sparse input layer.</b> A user's input row is sparse (a few dozen of thousands of items), so
 * the product of the batch's input rows with an input weight matrix is computed by the trainer from
 * the non-zero entries ({@link InputProjection}) and fed to the graph as the placeholder
 * {@code <layer>_pre}; the trainer gets that placeholder's gradient back and forms the weight
 * gradient from the same entries. As a SameDiff matrix product the layer cost two dense products
 * with the batch x items input (the forward one and the weight gradient) and a third, wasted one
 * (the gradient of the input). Mult-DAE and Mult-VAE with a hidden encoder layer have one input
 * projection; Mult-VAE without one has two (the mean and log-variance heads).
 *
 * <p>Other placeholders: {@value #TARGET} (the binary rows), and for Mult-VAE {@value #NOISE}
 * (standard normal draws, batch x latent) and {@value #BETA} (the KL weight, a scalar). Dropout and
 * noise are drawn in Java from the run's random streams, so a run is reproducible from its seed.
 *
 * <p>Encoder: dense layers with tanh up to the last width of {@code encoderDims}; for Mult-VAE the
 * last layer is two linear heads, the mean {@code mu} and the log-variance, and
 * {@code z = mu + noise * exp(logvar / 2)}; for Mult-DAE it is a tanh layer. The decoder mirrors the
 * encoder with tanh layers and ends in a linear layer to the items (the logits). Loss (outputs
 * {@value #NLL}, {@value #KL}, {@value #LOSS}): the multinomial negative log-likelihood
 * {@code -mean_u sum_i x_ui log softmax(logits_u)_i} (SameDiff's fused softmax cross-entropy with the
 * binary rows as labels), plus {@code beta * KL} with
 * {@code KL = mean_u sum_k (exp(logvar) + mu^2 - 1 - logvar) / 2} for Mult-VAE, plus {@code l2} times
 * the squared entries of the weight matrices in the graph (the trainer adds the input projections'
 * share).
 *
 * <p>Initial weights: Glorot uniform ({@code +-sqrt(6 / (fan_in + fan_out))}), biases normal with
 * standard deviation 0.001, as the authors' code, drawn from the given random stream layer by layer
 * (weights, then bias).
 */
final class AutoencoderGraph {

    /** The suffix of the placeholder holding an input projection's product with the batch. */
    static final String PRE = "_pre";
    /** The placeholder of the binary target rows. */
    static final String TARGET = "target";
    /** The placeholder of the reparameterisation noise (Mult-VAE). */
    static final String NOISE = "noise";
    /** The placeholder of the KL weight (Mult-VAE). */
    static final String BETA = "beta";
    /** The output: the negative log-likelihood, averaged over the batch. */
    static final String NLL = "nll";
    /** The output: the KL divergence, averaged over the batch (0 for Mult-DAE). */
    static final String KL = "kl";
    /** The output: the loss minimised. */
    static final String LOSS = "loss";

    private static final double BIAS_STDDEV = 0.001;

    /**
     * A dense layer of the network: its weight and bias variables and its activation.
     *
     * @param weight   the weight variable's name in the graph, or for an input projection its placeholder
     * @param bias     the bias variable's name
     * @param tanh     whether tanh follows
     * @param external the weights of an input projection (kept outside the graph), or null
     */
    record Layer(String weight, String bias, boolean tanh, INDArray external) {
    }

    /**
     * An input layer's weights, items x width, kept outside the graph: the trainer multiplies the
     * sparse input rows with them and feeds the product to the placeholder {@code placeholder}.
     *
     * @param placeholder the placeholder of the product
     * @param weights     the weights, items x width, c order: the initial ones, replaced by the trained
     *                    ones when training ends
     */
    record InputProjection(String placeholder, INDArray weights) {
        /**
         * The layer width.
         *
         * @return the number of columns
         */
        int width() {
            return (int) weights.size(1);
        }
    }

    private final SameDiff sd;
    private final List<Layer> scoringLayers;
    private final List<String> weightNames;
    private final List<InputProjection> projections;
    private final int latent;

    /**
     * Builds the graph with initial weights.
     *
     * @param settings the settings (architecture, variational or not, l2)
     * @param numItems the number of items (input and output width)
     * @param init     the random stream for the initial weights
     */
    AutoencoderGraph(AutoencoderSettings settings, int numItems, Random init) {
        this.sd = SameDiff.create();
        this.scoringLayers = new ArrayList<>();
        this.weightNames = new ArrayList<>();
        this.projections = new ArrayList<>();
        List<Integer> dims = settings.encoderDims();
        this.latent = dims.get(dims.size() - 1);
        SDVariable target = sd.placeHolder(TARGET, DataType.FLOAT, -1, numItems);
        int in = numItems;
        SDVariable h = null; // the input: layers reading it are input projections
        int hiddenEncoder = settings.variational() ? dims.size() - 1 : dims.size();
        for (int k = 0; k < hiddenEncoder; k++) {
            h = dense(h, "enc" + k, in, dims.get(k), true, init, true);
            in = dims.get(k);
        }
        SDVariable z;
        SDVariable kl;
        if (settings.variational()) {
            SDVariable mu = dense(h, "mu", in, latent, false, init, true);
            SDVariable logvar = dense(h, "logvar", in, latent, false, init, false);
            SDVariable noise = sd.placeHolder(NOISE, DataType.FLOAT, -1, latent);
            z = mu.add(noise.mul(sd.math().exp(logvar.mul(0.5))));
            kl = sd.math().exp(logvar).add(mu.mul(mu)).sub(logvar).sub(1.0).mul(0.5).sum(1).mean(KL);
        } else {
            z = h;
            kl = sd.constant(KL, 0f);
        }
        in = latent;
        h = z;
        for (int k = dims.size() - 2; k >= 0; k--) {
            h = dense(h, "dec" + (dims.size() - 2 - k), in, dims.get(k), true, init, true);
            in = dims.get(k);
        }
        SDVariable logits = dense(h, "out", in, numItems, false, init, true);
        // -sum_i x_ui log softmax(logits_u)_i is softmax cross-entropy with the binary row as (unnormalised)
        // labels: one fused op forward and one backward (softmax * rowsum(x) - x), where log-softmax, the product
        // with x, the sums and the negation took five ops each way. It also avoids logSoftmax(x, 1), which fails
        // in SameDiff 1.0.0-M2.1's training.
        SDVariable nll = sd.loss().softmaxCrossEntropy(NLL, target, logits, null, LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT,
                0.0);
        SDVariable loss = settings.variational() ? nll.add(sd.placeHolder(BETA, DataType.FLOAT).mul(kl)) : nll.add(0.0);
        if (settings.l2() > 0 && !weightNames.isEmpty()) {
            SDVariable penalty = null;
            for (String w : weightNames) {
                SDVariable sq = sd.getVariable(w).mul(sd.getVariable(w)).sum();
                penalty = penalty == null ? sq : penalty.add(sq);
            }
            loss = loss.add(penalty.mul(settings.l2()));
        }
        loss = loss.rename(LOSS);
        sd.setLossVariables(LOSS);
    }

    /**
     * Adds a dense layer with fresh weights; {@code x == null} means the layer reads the input and is
     * an input projection. Scoring layers are recorded for the fitted model.
     */
    private SDVariable dense(SDVariable x, String name, int in, int out, boolean tanh, Random init, boolean scoring) {
        INDArray weights = glorot(init, in, out);
        SDVariable b = sd.var(name + "_b", gaussian(init, out));
        SDVariable product;
        Layer layer;
        if (x == null) {
            product = sd.placeHolder(name + PRE, DataType.FLOAT, -1, out);
            projections.add(new InputProjection(product.name(), weights));
            layer = new Layer(product.name(), b.name(), tanh, weights);
        } else {
            SDVariable w = sd.var(name + "_w", weights);
            weightNames.add(w.name());
            product = x.mmul(w);
            layer = new Layer(w.name(), b.name(), tanh, null);
        }
        if (scoring) {
            scoringLayers.add(layer);
        }
        // biasAdd: a fused op whose gradient is one column sum, where a broadcast add needed a reduction op more.
        SDVariable y = sd.nn().biasAdd(product, b, true);
        return tanh ? sd.math().tanh(y) : y;
    }

    private static INDArray glorot(Random rng, int in, int out) {
        float limit = (float) Math.sqrt(6.0 / (in + out));
        float[] v = new float[in * out];
        for (int k = 0; k < v.length; k++) {
            v[k] = (2 * rng.nextFloat() - 1) * limit;
        }
        return Nd4j.create(v, new long[] {in, out}, 'c');
    }

    private static INDArray gaussian(Random rng, int n) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) (rng.nextGaussian() * BIAS_STDDEV);
        }
        return Nd4j.create(v, new long[] {n}, 'c');
    }

    /**
     * The graph.
     *
     * @return the SameDiff instance
     */
    SameDiff sameDiff() {
        return sd;
    }

    /**
     * The latent dimension (width of the noise placeholder).
     *
     * @return the dimension
     */
    int latent() {
        return latent;
    }

    /**
     * The layers a fitted model applies when scoring, in order: the encoder to the mean (Mult-VAE) or
     * to the code (Mult-DAE), then the decoder.
     *
     * @return the layers
     */
    List<Layer> scoringLayers() {
        return List.copyOf(scoringLayers);
    }

    /**
     * The input projections, whose weights the trainer updates.
     *
     * @return the projections, in the order of their layers
     */
    List<InputProjection> projections() {
        return List.copyOf(projections);
    }

    /**
     * The names of every trainable variable in the graph, weights and biases.
     *
     * @return the names
     */
    List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE) {
                names.add(v.name());
            }
        }
        return names;
    }
}
