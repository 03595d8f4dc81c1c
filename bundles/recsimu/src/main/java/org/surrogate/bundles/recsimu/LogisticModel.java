package org.surrogate.bundles.recsimu;

import java.util.Random;
import org.surrogate.api.run.RunContext;

/**
 * The LR baseline of the paper: a linear model on the concatenation of every state slot's item
 * embedding and one-hot feedback, {@code i_n = (e_n, f_n)}, and the recommended item's embedding
 * (N (E + K) + E features), with a softmax over the K types (the logistic function for K = 2).
 * The paper minimises a squared loss on the logistic output; we minimise the cross-entropy, the
 * usual logistic-regression loss (same model, better-conditioned gradients). Adam, mini-batches;
 * metric {@code loss} per step. Plain Java.
 */
final class LogisticModel implements FeedbackModel {

    private final String id;
    private final NetSettings s;
    private final ItemEmbeddings emb;
    private final int width;
    private final double[] w;

    /**
     * An untrained model with zero weights.
     *
     * @param id  the simulator id
     * @param s   the settings
     * @param emb the item embeddings
     */
    LogisticModel(String id, NetSettings s, ItemEmbeddings emb) {
        this.id = id;
        this.s = s;
        this.emb = emb;
        this.width = s.historyLength() * (emb.dimension() + s.types()) + emb.dimension() + 1;
        this.w = new double[width * s.types()];
    }

    private double[] features(Tuples t, int r) {
        double[] x = new double[width];
        int e = emb.dimension();
        int slot = e + s.types();
        for (int n = 0; n < t.historyLength; n++) {
            int item = t.items[r * t.historyLength + n];
            if (item >= 0) {
                float[] v = emb.vector(item);
                for (int j = 0; j < e; j++) {
                    x[n * slot + j] = v[j];
                }
                x[n * slot + e + t.feedback[r * t.historyLength + n]] = 1;
            }
        }
        float[] a = emb.vector(t.actions[r]);
        int base = t.historyLength * slot;
        for (int j = 0; j < e; j++) {
            x[base + j] = a[j];
        }
        x[width - 1] = 1; // bias
        return x;
    }

    private double[] softmax(double[] x) {
        int k = s.types();
        double[] z = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double sum = 0;
            for (int j = 0; j < width; j++) {
                sum += w[c * width + j] * x[j];
            }
            z[c] = sum;
            max = Math.max(max, sum);
        }
        double total = 0;
        for (int c = 0; c < k; c++) {
            z[c] = Math.exp(z[c] - max);
            total += z[c];
        }
        for (int c = 0; c < k; c++) {
            z[c] /= total;
        }
        return z;
    }

    /**
     * Trains by mini-batch Adam on the cross-entropy.
     *
     * @param train the training tuples
     * @param ctx   the run context
     * @param rng   the batch order generator
     */
    synchronized void train(Tuples train, RunContext ctx, Random rng) {
        int k = s.types();
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        long step = 0;
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            int[][] batches = Training.batches(train.size, s.batchSize(), rng);
            for (int bi = 0; bi < batches.length; bi++) {
                ctx.checkCancelled();
                double[] grad = new double[w.length];
                double loss = 0;
                for (int r : batches[bi]) {
                    double[] x = features(train, r);
                    double[] p = softmax(x);
                    loss -= Math.log(Math.max(1e-12, p[train.labels[r]]));
                    for (int c = 0; c < k; c++) {
                        double d = p[c] - (c == train.labels[r] ? 1 : 0);
                        for (int j = 0; j < width; j++) {
                            grad[c * width + j] += d * x[j];
                        }
                    }
                }
                int n = batches[bi].length;
                loss /= n;
                step++;
                Training.checkLoss(id, "loss", loss, epoch, step, s.learningRate());
                double rate = s.learningRate() * Math.sqrt(1 - Math.pow(0.999, step)) / (1 - Math.pow(0.9, step));
                for (int j = 0; j < w.length; j++) {
                    double g = grad[j] / n;
                    m[j] = 0.9 * m[j] + 0.1 * g;
                    v[j] = 0.999 * v[j] + 0.001 * g * g;
                    w[j] -= rate * m[j] / (Math.sqrt(v[j]) + 1e-8);
                }
                Training.metric(ctx, "loss", step, loss, s.logEvery());
                ctx.progress((epoch - 1 + (bi + 1.0) / batches.length) / s.epochs(), "epoch " + epoch + " of "
                        + s.epochs());
            }
        }
    }

    @Override
    public synchronized float[][] predict(Tuples tuples) {
        float[][] out = new float[tuples.size][];
        for (int r = 0; r < tuples.size; r++) {
            double[] p = softmax(features(tuples, r));
            out[r] = new float[p.length];
            for (int c = 0; c < p.length; c++) {
                out[r][c] = (float) p[c];
            }
        }
        return out;
    }
}
