package org.surrogate.bundles.casr;

import java.util.Arrays;
import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.run.RunContext;

/**
 * Adagrad on NAIS's log loss, one example at a time: for a training interaction (u, i) the history
 * is R_u without i, label 1; for each sampled negative item the history is R_u, label 0. The
 * gradients are derived by hand (see the comments in {@link #step}).
 */
final class NaisTrainer {

    private static final double EPS = 1e-8;

    private final NaisModel m;
    private final double lr;
    private final double reg;
    private final float[] gp;
    private final float[] gq;
    private final float[] gw;
    private final float[] gb;
    private final float[] gh;

    NaisTrainer(NaisModel model, double learningRate, double regularization) {
        this.m = model;
        this.lr = learningRate;
        this.reg = regularization;
        this.gp = new float[model.p.length];
        this.gq = new float[model.q.length];
        this.gw = new float[model.w.length];
        this.gb = new float[model.b.length];
        this.gh = new float[model.h.length];
    }

    /**
     * One pass over the training interactions in random order.
     *
     * @return the mean log loss
     */
    double epoch(Dataset train, int negatives, Random rng, RunContext ctx, int epoch, int epochs) {
        int size = train.size();
        int[] order = new int[size];
        for (int k = 0; k < size; k++) {
            order[k] = k;
        }
        for (int k = size - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        int[] userOf = new int[size];
        for (int u = 0; u < train.numUsers(); u++) {
            for (int k = train.begin(u); k < train.end(u); k++) {
                userOf[k] = u;
            }
        }
        double loss = 0;
        long count = 0;
        for (int k = 0; k < size; k++) {
            if (k % 2048 == 0) {
                ctx.checkCancelled();
                ctx.progress((epoch - 1 + (double) k / size) / epochs, "epoch " + epoch + " of " + epochs);
            }
            int index = order[k];
            int u = userOf[index];
            int item = train.item(index);
            int[] all = history(train, u);
            int[] without = remove(all, item);
            if (without.length > 0) {
                loss += step(without, item, 1);
                count++;
            }
            for (int s = 0; s < negatives; s++) {
                int neg = rng.nextInt(m.numItems);
                if (contains(all, neg)) {
                    continue;
                }
                loss += step(all, neg, 0);
                count++;
            }
        }
        return count == 0 ? 0 : loss / count;
    }

    private int[] history(Dataset train, int u) {
        int from = Math.max(train.begin(u), train.end(u) - m.maxHistory);
        int[] r = new int[train.end(u) - from];
        for (int k = from; k < train.end(u); k++) {
            r[k - from] = train.item(k);
        }
        return r;
    }

    private static int[] remove(int[] r, int item) {
        int n = 0;
        int[] out = new int[r.length];
        for (int v : r) {
            if (v != item) {
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean contains(int[] r, int item) {
        for (int v : r) {
            if (v == item) {
                return true;
            }
        }
        return false;
    }

    /** One example: forward, log loss, hand-derived gradients, Adagrad. Returns the loss. */
    double step(int[] r, int i, int label) {
        int d = m.d;
        int a = m.a;
        int n = r.length;
        int qi = i * d;
        float[] x = new float[n * d];
        float[] z = new float[n * a];
        double[] s = new double[n];
        double[] c = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            int pj = r[j] * d;
            double cj = 0;
            for (int dd = 0; dd < d; dd++) {
                x[j * d + dd] = m.p[pj + dd] * m.q[qi + dd];
                cj += x[j * d + dd];
            }
            c[j] = cj;
            double sj = 0;
            for (int aa = 0; aa < a; aa++) {
                double v = m.b[aa];
                for (int dd = 0; dd < d; dd++) {
                    v += m.w[aa * d + dd] * x[j * d + dd];
                }
                z[j * a + aa] = (float) v;
                if (v > 0) {
                    sj += m.h[aa] * v;
                }
            }
            s[j] = sj;
            max = Math.max(max, sj);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(s[j] - max);
        }
        double logZ = max + Math.log(sum);
        double y = 0;
        double[] att = new double[n];
        double[] pi = new double[n];
        for (int j = 0; j < n; j++) {
            att[j] = Math.exp(s[j] - m.beta * logZ);
            pi[j] = Math.exp(s[j] - logZ);
            y += att[j] * c[j];
        }
        double prob = 1 / (1 + Math.exp(-y));
        double loss = label == 1 ? -Math.log(Math.max(prob, 1e-12)) : -Math.log(Math.max(1 - prob, 1e-12));
        double g = prob - label;
        float[] dq = new float[d];
        float[] dwAll = new float[a * d];
        float[] db = new float[a];
        float[] dh = new float[a];
        for (int j = 0; j < n; j++) {
            int pj = r[j] * d;
            // dy/dc_j = a_j; dy/ds_j = a_j c_j - beta pi_j y
            double gc = g * att[j];
            double gs = g * (att[j] * c[j] - m.beta * pi[j] * y);
            float[] dx = new float[d];
            for (int aa = 0; aa < a; aa++) {
                double zv = z[j * a + aa];
                if (zv <= 0) {
                    continue;
                }
                dh[aa] += (float) (gs * zv);
                double dz = gs * m.h[aa];
                db[aa] += (float) dz;
                for (int dd = 0; dd < d; dd++) {
                    dwAll[aa * d + dd] += (float) (dz * x[j * d + dd]);
                    dx[dd] += (float) (dz * m.w[aa * d + dd]);
                }
            }
            float[] dp = new float[d];
            for (int dd = 0; dd < d; dd++) {
                // x = p_j * q_i and c_j = sum(x): both pass through the product
                double total = dx[dd] + gc;
                dp[dd] = (float) (total * m.q[qi + dd] + reg * m.p[pj + dd]);
                dq[dd] += (float) (total * m.p[pj + dd]);
            }
            adagrad(m.p, gp, pj, dp);
        }
        for (int dd = 0; dd < d; dd++) {
            dq[dd] += (float) (reg * m.q[qi + dd]);
        }
        adagrad(m.q, gq, qi, dq);
        for (int k = 0; k < dwAll.length; k++) {
            dwAll[k] += (float) (reg * m.w[k]);
        }
        adagrad(m.w, gw, 0, dwAll);
        adagrad(m.b, gb, 0, db);
        adagrad(m.h, gh, 0, dh);
        return loss;
    }

    private void adagrad(float[] param, float[] acc, int offset, float[] grad) {
        for (int k = 0; k < grad.length; k++) {
            float gk = grad[k];
            acc[offset + k] += gk * gk;
            param[offset + k] -= (float) (lr * gk / (Math.sqrt(acc[offset + k]) + EPS));
        }
    }
}
