package org.surrogate.bundles.autoencoders;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The forward and backward pass of {@link AutoencoderGraph}'s network written by hand on ND4J: the
 * same layers, loss and initial weights (read from the graph's arrays, which it trains in place), but
 * each matrix product is one {@code gemm} into an array reused from step to step, and all element-wise
 * work (bias, tanh, softmax, their gradients, Adam) runs in Java, single-threaded, on bulk copies of
 * ND4J's buffers: on this 2-core machine libnd4j's element-wise ops cost more than the arithmetic
 * (1-thread tanh of 500 x 600 3.4 ms, log-softmax of 500 x 1,682 13.5 ms, Adam of a million weights
 * 13.5 ms; with two OpenMP threads on a busy machine 4-5 times that), and Java's loops are immune to
 * OpenMP threads waiting for each other. SameDiff's graph
 * execution did the same arithmetic in about 60 ops a step, each with a shape calculation, a fresh
 * output array and dependency bookkeeping, which cost more than the arithmetic.
 *
 * <p>Per step, with n users in the batch, I items and the loss of {@link AutoencoderGraph}:
 * the input projections ({@link SparseProjection}) give the first layer's product; dense layers
 * {@code act(in W + b)}; for Mult-VAE {@code z = mu + eps * exp(logvar / 2)}; logits; a stable
 * softmax over the items (row maximum subtracted) gives the log-likelihood of the target entries, and
 * the loss gradient of the logits is {@code (softmax * |x_u| - x) / n}; the KL term's
 * gradients are {@code beta mu / n} and {@code beta (exp(logvar) - 1) / (2 n)}. Adam (moments 0.9 and
 * 0.999, epsilon 1e-8, in Java) updates every array after the whole backward pass, so every
 * gradient is taken at the step's weights, as SameDiff's. A test checks the gradients against
 * SameDiff's for the same weights and batch.
 */
final class DirectNetwork {

    /** One dense layer: ND4J weights, or an input projection fed from the sparse rows. */
    private static final class Layer {
        final String name;
        final SparseProjection projection;
        final INDArray w;
        final INDArray b;
        final boolean tanh;
        final INDArray dW;
        final INDArray dB;
        final JavaAdam wUpdater;
        final JavaAdam bUpdater;
        /** The gradient of the projection's product of the last backward pass (projections only). */
        INDArray dPre;

        Layer(String name, SparseProjection projection, INDArray w, INDArray b, boolean tanh, double adam) {
            this.name = name;
            this.projection = projection;
            this.w = w;
            this.b = b;
            this.tanh = tanh;
            this.dW = w == null ? null : Nd4j.create(DataType.FLOAT, w.shape());
            this.dB = Nd4j.create(DataType.FLOAT, b.shape());
            this.wUpdater = w == null ? null : new JavaAdam(adam, (int) w.length());
            this.bUpdater = new JavaAdam(adam, (int) b.length());
        }

        int width() {
            return (int) b.length();
        }
    }

    /**
     * Adam on an ND4J array, computed in Java on copies of the weights and gradient (ND4J 1.0.0-M2.1's
     * fused Adam op took 13.5 ms for a million weights on one thread, this 1-2 ms with the copies), with
     * the rule of {@link SparseProjection}: moments 0.9 and 0.999, epsilon 1e-8,
     * {@code w -= lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps)}.
     */
    private static final class JavaAdam {
        private final double learningRate;
        private final float[] m;
        private final float[] v;
        private final float[] w;
        private final float[] g;

        JavaAdam(double learningRate, int n) {
            this.learningRate = learningRate;
            this.m = new float[n];
            this.v = new float[n];
            this.w = new float[n];
            this.g = new float[n];
        }

        void step(INDArray param, INDArray gradient, long iteration, Parallel parallel) {
            FloatBuffer pb = floats(param);
            pb.get(0, w, 0, w.length);
            floats(gradient).get(0, g, 0, g.length);
            long t = iteration + 1;
            float alpha = (float) (learningRate * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t)));
            float b1 = 0.9f;
            float b2 = 0.999f;
            float eps = 1e-8f;
            float[] w = this.w;
            float[] g = this.g;
            float[] m = this.m;
            float[] v = this.v;
            parallel.run(w.length, (k0, k1) -> {
                for (int k = k0; k < k1; k++) {
                    float gk = g[k];
                    float mk = b1 * m[k] + (1 - b1) * gk;
                    float vk = b2 * v[k] + (1 - b2) * gk * gk;
                    m[k] = mk;
                    v[k] = vk;
                    w[k] -= alpha * mk / ((float) Math.sqrt(vk) + eps);
                }
            });
            pb.put(0, w, 0, w.length);
        }
    }

    /** The activations and gradients of one batch size, reused across steps. */
    private static final class Buffers {
        final List<INDArray> encoder = new ArrayList<>();
        final List<INDArray> dEncoder = new ArrayList<>();
        final List<INDArray> decoder = new ArrayList<>();
        final List<INDArray> dDecoder = new ArrayList<>();
        INDArray mu;
        INDArray logvar;
        INDArray dMu;
        INDArray dLogvar;
        INDArray z;
        INDArray dz;
        float[] std;
    }

    private final AutoencoderSettings settings;
    private final int numItems;
    private final int latent;
    /** Encoder layers with tanh (the first reads the input); for Mult-DAE the last is the code. */
    private final List<Layer> encoder = new ArrayList<>();
    /** Mult-VAE's heads (null for Mult-DAE). */
    private final Layer mu;
    private final Layer logvar;
    /** Decoder layers: tanh ones, then the linear output layer. */
    private final List<Layer> decoder = new ArrayList<>();
    private final List<Layer> all = new ArrayList<>();
    private final Map<Integer, Buffers> buffers = new HashMap<>();
    private final float l2;
    private final Parallel parallel;
    /** Cumulative nanoseconds by part, for the benchmark's profile: see {@link #profile()}. */
    private final long[] nanos = new long[PARTS.length];
    private static final String[] PARTS = {"input projections (Java)", "dense products (gemm)",
        "bias, tanh and their gradients", "softmax, log-likelihood and its gradient", "reparameterisation and KL",
        "Adam of ND4J arrays", "Adam of input projections (Java)"};
    private static final int PROJECTION = 0;
    private static final int GEMM = 1;
    private static final int DENSE = 2;
    private static final int SOFTMAX = 3;
    private static final int LATENT = 4;
    private static final int ADAM = 5;
    private static final int ADAM_PROJECTION = 6;
    private long mark;
    /** Java copies of ND4J arrays for the element-wise passes (libnd4j's element-wise ops were slower). */
    private float[] scratch = new float[0];
    private float[] scratch2 = new float[0];
    private float[] scratchBias = new float[0];

    /**
     * Wraps the graph's weights (trained in place) and the trainer's input projections.
     *
     * @param graph       the graph, whose variables hold the initial weights
     * @param settings    the settings the graph was built with
     * @param numItems    the number of items
     * @param projections the input projections, in the order of {@link AutoencoderGraph#projections()}
     * @param parallel    the threads of the element-wise loops
     */
    DirectNetwork(AutoencoderGraph graph, AutoencoderSettings settings, int numItems,
                  List<SparseProjection> projections, Parallel parallel) {
        this.settings = settings;
        this.parallel = parallel;
        this.numItems = numItems;
        this.latent = graph.latent();
        this.l2 = (float) settings.l2();
        SameDiff sd = graph.sameDiff();
        double adam = settings.learningRate();
        Map<String, SparseProjection> byName = new HashMap<>();
        for (SparseProjection p : projections) {
            byName.put(p.placeholder(), p);
        }
        List<Integer> dims = settings.encoderDims();
        int hiddenEncoder = settings.variational() ? dims.size() - 1 : dims.size();
        for (int k = 0; k < hiddenEncoder; k++) {
            encoder.add(layer(sd, adam, byName, "enc" + k, true));
        }
        if (settings.variational()) {
            mu = layer(sd, adam, byName, "mu", false);
            logvar = layer(sd, adam, byName, "logvar", false);
        } else {
            mu = null;
            logvar = null;
        }
        for (int k = dims.size() - 2; k >= 0; k--) {
            decoder.add(layer(sd, adam, byName, "dec" + (dims.size() - 2 - k), true));
        }
        decoder.add(layer(sd, adam, byName, "out", false));
        all.addAll(encoder);
        if (mu != null) {
            all.add(mu);
            all.add(logvar);
        }
        all.addAll(decoder);
    }

    private Layer layer(SameDiff sd, double adam, Map<String, SparseProjection> projections, String name, boolean tanh) {
        SparseProjection p = projections.get(name + AutoencoderGraph.PRE);
        INDArray w = p == null ? sd.getArrForVarName(name + "_w") : null;
        return new Layer(name, p, w, sd.getArrForVarName(name + "_b"), tanh, adam);
    }

    /**
     * The loss's parts of the last {@link #forwardBackward}.
     *
     * @param loss the loss minimised (without the input projections' L2 share)
     * @param nll  the negative log-likelihood, averaged over the batch
     * @param kl   the KL divergence, averaged over the batch (0 for Mult-DAE)
     */
    record Losses(double loss, double nll, double kl) {
    }

    /**
     * Computes the loss and every gradient at the current weights; changes no weight.
     *
     * @param input   the batch's sparse input rows (normalised, dropped out)
     * @param tStart  the batch's target rows: row r's items are {@code tItems[tStart[r] .. tStart[r + 1])}
     * @param tItems  the target items (distinct within a row)
     * @param eps     standard normal noise, n x latent, row-major (Mult-VAE; ignored otherwise)
     * @param beta    the KL weight
     * @return the loss and its parts
     */
    Losses forwardBackward(InteractionRows.SparseBatch input, int[] tStart, int[] tItems, float[] eps, double beta) {
        int n = input.rows;
        Buffers buf = buffers.computeIfAbsent(n, this::allocate);
        mark = System.nanoTime();
        // encoder
        INDArray h = null;
        for (int k = 0; k < encoder.size(); k++) {
            h = forward(encoder.get(k), h, input, buf.encoder.get(k));
        }
        double kl = 0;
        INDArray z;
        if (mu != null) {
            forward(mu, h, input, buf.mu);
            forward(logvar, h, input, buf.logvar);
            kl = reparameterise(buf, eps, n);
            lap(LATENT);
            z = buf.z;
        } else {
            z = h;
        }
        h = z;
        for (int k = 0; k < decoder.size(); k++) {
            Layer l = decoder.get(k);
            if (k < decoder.size() - 1) {
                h = forward(l, h, input, buf.decoder.get(k));
            } else {
                // the output layer's bias is added in logitsGradient's pass over the logits
                Nd4j.gemm(h, l.w, buf.decoder.get(k), false, false, 1.0, 0.0);
                h = buf.decoder.get(k);
                lap(GEMM);
            }
        }
        double nll = logitsGradient(h, decoder.get(decoder.size() - 1), tStart, tItems, n);
        lap(SOFTMAX);
        // backward through the decoder; dDecoder[k] is the gradient of decoder layer k's output (the output
        // layer's is left in its activation buffer, the logits, by logitsGradient)
        int out = decoder.size() - 1;
        for (int k = out; k >= 0; k--) {
            INDArray in = k > 0 ? buf.decoder.get(k - 1) : z;
            INDArray dIn = k > 0 ? buf.dDecoder.get(k - 1) : buf.dz;
            INDArray dOut = k == out ? buf.decoder.get(k) : buf.dDecoder.get(k);
            backward(decoder.get(k), buf.decoder.get(k), dOut, in, dIn, false);
        }
        int last = encoder.size() - 1;
        if (mu != null) {
            headGradients(buf, eps, beta, n);
            lap(LATENT);
            INDArray in = last >= 0 ? buf.encoder.get(last) : null;
            INDArray dIn = last >= 0 ? buf.dEncoder.get(last) : null;
            backward(mu, buf.mu, buf.dMu, in, dIn, false);
            backward(logvar, buf.logvar, buf.dLogvar, in, dIn, true);
        } else {
            buf.dEncoder.get(last).assign(buf.dz);
        }
        for (int k = last; k >= 0; k--) {
            INDArray in = k > 0 ? buf.encoder.get(k - 1) : null;
            INDArray dIn = k > 0 ? buf.dEncoder.get(k - 1) : null;
            backward(encoder.get(k), buf.encoder.get(k), buf.dEncoder.get(k), in, dIn, false);
        }
        double penalty = 0;
        if (l2 > 0) {
            for (Layer l : all) {
                if (l.w != null) {
                    double norm = l.w.norm2Number().doubleValue();
                    penalty += l2 * norm * norm;
                }
            }
        }
        return new Losses(nll + beta * kl + penalty, nll, kl);
    }

    /**
     * Applies Adam to every layer with the gradients of the last {@link #forwardBackward}.
     *
     * @param input     the batch of that pass (for the input projections' weight gradients)
     * @param iteration the number of updates before this one
     * @param epoch     the epoch, from 0
     */
    void update(InteractionRows.SparseBatch input, long iteration, int epoch) {
        mark = System.nanoTime();
        for (Layer l : all) {
            if (l.projection != null) {
                l.projection.update(input, l.dPre, iteration);
                lap(ADAM_PROJECTION);
            } else {
                l.wUpdater.step(l.w, l.dW, iteration, parallel);
            }
            l.bUpdater.step(l.b, l.dB, iteration, parallel);
            lap(ADAM);
        }
    }

    /**
     * Where the time of the passes so far went, by part.
     *
     * @return one line
     */
    String profile() {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < PARTS.length; k++) {
            b.append(k == 0 ? "" : ", ").append(PARTS[k]).append(String.format(java.util.Locale.ROOT, " %.3f s",
                    nanos[k] / 1e9));
        }
        return b.toString();
    }

    private void lap(int part) {
        long now = System.nanoTime();
        nanos[part] += now - mark;
        mark = now;
    }

    /**
     * The gradient of a graph variable ({@code <layer>_w} or {@code <layer>_b}) or of an input
     * projection's placeholder ({@code <layer>_pre}) from the last {@link #forwardBackward}, for tests.
     *
     * @param name the variable or placeholder name
     * @return the gradient, live
     */
    INDArray gradient(String name) {
        for (Layer l : all) {
            if (name.equals(l.name + "_w")) {
                return l.dW;
            }
            if (name.equals(l.name + "_b")) {
                return l.dB;
            }
            if (name.equals(l.name + AutoencoderGraph.PRE)) {
                return l.dPre;
            }
        }
        throw new IllegalArgumentException("no variable " + name);
    }

    private Buffers allocate(int n) {
        Buffers b = new Buffers();
        for (Layer l : encoder) {
            b.encoder.add(Nd4j.create(DataType.FLOAT, n, l.width()));
            b.dEncoder.add(Nd4j.create(DataType.FLOAT, n, l.width()));
        }
        for (Layer l : decoder) {
            b.decoder.add(Nd4j.create(DataType.FLOAT, n, l.width()));
            b.dDecoder.add(Nd4j.create(DataType.FLOAT, n, l.width()));
        }
        b.z = Nd4j.create(DataType.FLOAT, n, latent);
        b.dz = Nd4j.create(DataType.FLOAT, n, latent);
        if (mu != null) {
            b.mu = Nd4j.create(DataType.FLOAT, n, latent);
            b.logvar = Nd4j.create(DataType.FLOAT, n, latent);
            b.dMu = Nd4j.create(DataType.FLOAT, n, latent);
            b.dLogvar = Nd4j.create(DataType.FLOAT, n, latent);
            b.std = new float[n * latent];
        }
        return b;
    }

    /** out = act(in W + b), or for an input projection act(product + b); returns out. */
    private INDArray forward(Layer l, INDArray in, InteractionRows.SparseBatch input, INDArray out) {
        if (l.projection != null) {
            l.projection.forward(input, out);
            lap(PROJECTION);
        } else {
            Nd4j.gemm(in, l.w, out, false, false, 1.0, 0.0);
            lap(GEMM);
        }
        int width = l.width();
        int size = (int) out.length();
        float[] a = scratch(size);
        FloatBuffer ob = floats(out);
        ob.get(0, a, 0, size);
        float[] bias = scratchBias(width);
        floats(l.b).get(0, bias, 0, width);
        boolean tanh = l.tanh;
        parallel.run(size / width, (r0, r1) -> {
            for (int base = r0 * width; base < r1 * width; base += width) {
                for (int j = 0; j < width; j++) {
                    a[base + j] += bias[j];
                }
            }
            if (tanh) {
                for (int k = r0 * width; k < r1 * width; k++) {
                    a[k] = tanh(a[k]);
                }
            }
        });
        ob.put(0, a, 0, size);
        lap(DENSE);
        return out;
    }

    /** tanh from one exponential: 1 - 2 / (e^2x + 1), within 2e-7 of Math.tanh in float, several times faster. */
    static float tanh(float x) {
        return 1 - 2 / (exp(2 * x) + 1);
    }

    /**
     * e^x in float, within 4e-6 (relative) of Math.exp for |x| < 80, about twice as fast: 2^t with
     * t = x log2(e) split into the nearest integer i (the exponent bits) and f in [-1/2, 1/2], 2^f from
     * its Taylor polynomial of degree 6 (truncation below 2e-7). Clamped to [2^-126, 2^127].
     */
    static float exp(float x) {
        float t = Math.max(-126f, Math.min(127f, x * 1.44269504f));
        float r = (t + 12582912f) - 12582912f; // round to nearest: 1.5 * 2^23 leaves no fraction bits
        float f = t - r;
        float p = 1 + f * (0.69314718f + f * (0.24022651f + f * (0.05550411f + f * (0.00961813f
                + f * (0.00133336f + f * 0.00015404f)))));
        return Float.intBitsToFloat(((int) r + 127) << 23) * p;
    }

    /**
     * From dOut (the gradient of the layer's output; overwritten with that of its pre-activation):
     * the bias and weight gradients and, when dIn is not null, the gradient of the input (added to
     * dIn when accumulate).
     */
    private void backward(Layer l, INDArray out, INDArray dOut, INDArray in, INDArray dIn, boolean accumulate) {
        int width = l.width();
        int size = (int) dOut.length();
        float[] d = scratch(size);
        FloatBuffer db = floats(dOut);
        db.get(0, d, 0, size);
        if (l.tanh) {
            float[] o = scratch2(size);
            floats(out).get(0, o, 0, size);
            parallel.run(size, (k0, k1) -> {
                for (int k = k0; k < k1; k++) {
                    d[k] *= 1 - o[k] * o[k];
                }
            });
            db.put(0, d, 0, size);
        }
        float[] sum = scratchBias(width);
        // by column ranges: each sum is taken in row order whatever the thread count
        parallel.run(width, (j0, j1) -> {
            java.util.Arrays.fill(sum, j0, j1, 0f);
            for (int base = 0; base < size; base += width) {
                for (int j = j0; j < j1; j++) {
                    sum[j] += d[base + j];
                }
            }
        });
        floats(l.dB).put(0, sum, 0, width);
        lap(DENSE);
        if (l.projection != null) {
            l.dPre = dOut;
            return;
        }
        Nd4j.gemm(in, dOut, l.dW, true, false, 1.0, 0.0);
        if (l2 > 0) {
            Nd4j.getBlasWrapper().level1().axpy(l.w.length(), 2.0 * l2, l.w, l.dW);
        }
        if (dIn != null) {
            Nd4j.gemm(dOut, l.w, dIn, false, true, 1.0, accumulate ? 1.0 : 0.0);
        }
        lap(GEMM);
    }

    private float[] scratch(int size) {
        if (scratch.length < size) {
            scratch = new float[size];
        }
        return scratch;
    }

    private float[] scratch2(int size) {
        if (scratch2.length < size) {
            scratch2 = new float[size];
        }
        return scratch2;
    }

    private float[] scratchBias(int size) {
        if (scratchBias.length < size) {
            scratchBias = new float[size];
        }
        return scratchBias;
    }

    /** z = mu + eps * exp(logvar / 2); returns KL = mean_u sum_k (exp(logvar) + mu^2 - 1 - logvar) / 2. */
    private double reparameterise(Buffers b, float[] eps, int n) {
        FloatBuffer m = floats(b.mu);
        FloatBuffer v = floats(b.logvar);
        FloatBuffer z = floats(b.z);
        float[] std = b.std;
        double kl = parallel.sum(n * latent, (k0, k1) -> {
            double part = 0;
            for (int k = k0; k < k1; k++) {
                float mk = m.get(k);
                float vk = v.get(k);
                float s = (float) Math.exp(vk * 0.5f);
                std[k] = s;
                z.put(k, mk + eps[k] * s);
                part += (s * s + mk * mk - 1 - vk) * 0.5f;
            }
            return part;
        });
        return kl / n;
    }

    /** dMu = dz + beta mu / n; dLogvar = dz eps std / 2 + beta (exp(logvar) - 1) / (2 n). */
    private void headGradients(Buffers b, float[] eps, double beta, int n) {
        FloatBuffer m = floats(b.mu);
        FloatBuffer dz = floats(b.dz);
        FloatBuffer dm = floats(b.dMu);
        FloatBuffer dv = floats(b.dLogvar);
        float[] std = b.std;
        float c = (float) (beta / n);
        int size = n * latent;
        for (int k = 0; k < size; k++) {
            float g = dz.get(k);
            float s = std[k];
            dm.put(k, g + c * m.get(k));
            dv.put(k, g * eps[k] * s * 0.5f + c * 0.5f * (s * s - 1));
        }
    }

    /**
     * The negative log-likelihood of the targets under softmax(logits), averaged over the batch; leaves
     * its gradient {@code (softmax * |x_u| - x) / n} in logits.
     */
    private double logitsGradient(INDArray logits, Layer outLayer, int[] tStart, int[] tItems, int n) {
        int size = n * numItems;
        float[] l = scratch(size);
        FloatBuffer lb = floats(logits);
        lb.get(0, l, 0, size);
        float[] bias = scratchBias(numItems);
        floats(outLayer.b).get(0, bias, 0, numItems);
        float inv = 1f / n;
        double nll = parallel.sum(n, (r0, r1) -> {
            double part = 0;
            for (int r = r0; r < r1; r++) {
                int base = r * numItems;
                float max = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < numItems; i++) {
                    float v = l[base + i] + bias[i];
                    l[base + i] = v;
                    max = Math.max(max, v);
                }
                double targets = 0;
                for (int p = tStart[r]; p < tStart[r + 1]; p++) {
                    targets += l[base + tItems[p]];
                }
                double sum = 0;
                for (int i = 0; i < numItems; i++) {
                    float e = exp(l[base + i] - max);
                    sum += e;
                    l[base + i] = e;
                }
                int count = tStart[r + 1] - tStart[r];
                // sum over the targets of -log softmax_i = max + log(sum) - logit_i
                part += count * (max + Math.log(sum)) - targets;
                float scale = (float) (count / (n * sum));
                for (int i = 0; i < numItems; i++) {
                    l[base + i] *= scale;
                }
                for (int p = tStart[r]; p < tStart[r + 1]; p++) {
                    l[base + tItems[p]] -= inv;
                }
            }
            return part;
        });
        lb.put(0, l, 0, size);
        return nll / n;
    }

    /** A view of a c-ordered, offset-0 array's values in ND4J's (native) memory. */
    private static FloatBuffer floats(INDArray a) {
        return a.data().asNioFloat();
    }
}
