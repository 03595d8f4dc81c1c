package org.surrogate.bundles.casr;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.recommender.Model;

/**
 * A NAIS model's parameters (plain float arrays, row-major) and its scoring. Scoring a user costs
 * {@code numItems * |R_u| * attentionSize * embeddingSize} multiply-adds (the attention MLP runs for
 * every pair of a target item and a history item); it is done with one ND4J matrix product per user:
 * {@code Q [N, D]} times the stacked {@code diag(p_j) W^T [D, |R| A]}.
 */
final class NaisModel implements Model {

    final int numItems;
    final int d;
    final int a;
    final double beta;
    final int maxHistory;
    /** History-side item embeddings p, {@code [N, D]}. */
    final float[] p;
    /** Target-side item embeddings q, {@code [N, D]}. */
    final float[] q;
    /** Attention weights W {@code [A, D]}, bias b {@code [A]}, output h {@code [A]}. */
    final float[] w;
    final float[] b;
    final float[] h;
    private int[][] histories = new int[0][];

    private NaisModel(int numItems, int d, int a, double beta, int maxHistory) {
        this.numItems = numItems;
        this.d = d;
        this.a = a;
        this.beta = beta;
        this.maxHistory = maxHistory;
        this.p = new float[numItems * d];
        this.q = new float[numItems * d];
        this.w = new float[a * d];
        this.b = new float[a];
        this.h = new float[a];
    }

    /**
     * Fresh parameters: embeddings Gaussian with standard deviation 0.01, W and h uniform Glorot, b 0.
     *
     * @param numItems   the catalogue size
     * @param d          the embedding size
     * @param a          the attention size
     * @param beta       the smoothing exponent
     * @param maxHistory the longest history used
     * @param rng        the generator
     * @return the model
     */
    static NaisModel initial(int numItems, int d, int a, double beta, int maxHistory, Random rng) {
        NaisModel m = new NaisModel(numItems, d, a, beta, maxHistory);
        for (int k = 0; k < m.p.length; k++) {
            m.p[k] = (float) (rng.nextGaussian() * 0.01);
            m.q[k] = (float) (rng.nextGaussian() * 0.01);
        }
        double lw = Math.sqrt(6.0 / (a + d));
        for (int k = 0; k < m.w.length; k++) {
            m.w[k] = (float) ((rng.nextDouble() * 2 - 1) * lw);
        }
        double lh = Math.sqrt(6.0 / (a + 1));
        for (int k = 0; k < a; k++) {
            m.h[k] = (float) ((rng.nextDouble() * 2 - 1) * lh);
        }
        return m;
    }

    /**
     * Keeps each user's last maxHistory items, for scoring users.
     *
     * @param train the training data
     */
    void setHistories(Dataset train) {
        histories = new int[train.numUsers()][];
        for (int u = 0; u < histories.length; u++) {
            int from = Math.max(train.begin(u), train.end(u) - maxHistory);
            histories[u] = new int[train.end(u) - from];
            for (int k = from; k < train.end(u); k++) {
                histories[u][k - from] = train.item(k);
            }
        }
    }

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public void score(int[] users, float[] out) {
        int[][] hs = new int[users.length][];
        for (int k = 0; k < users.length; k++) {
            if (users[k] < 0 || users[k] >= histories.length) {
                throw new IndexOutOfBoundsException("recommender 'nais': user " + users[k]
                        + " is not in the training data, expected [0, " + histories.length + ")");
            }
            hs[k] = histories[users[k]];
        }
        scoreHistories(hs, out);
    }

    @Override
    public void scoreHistories(int[][] hs, float[] out) {
        if (out.length < (long) hs.length * numItems) {
            throw new IllegalArgumentException("recommender 'nais': out holds " + out.length + " scores, needs "
                    + (long) hs.length * numItems);
        }
        // Native arrays are closed as soon as they are read: scoring 943 users made about 5 MB of native
        // garbage per user, freed only when the collector ran, and the process reached 8.9 GB.
        try (INDArray qm = Nd4j.create(q, new long[] {numItems, d}, 'c')) {
            scoreAll(qm, hs, out);
        }
    }

    private void scoreAll(INDArray qm, int[][] hs, float[] out) {
        for (int k = 0; k < hs.length; k++) {
            int[] full = hs[k];
            int[] r = full.length <= maxHistory ? full : java.util.Arrays.copyOfRange(full, full.length - maxHistory,
                    full.length);
            for (int item : r) {
                if (item < 0 || item >= numItems) {
                    throw new IndexOutOfBoundsException("recommender 'nais': item " + item
                            + " of a history is not in the catalogue, expected [0, " + numItems + ")");
                }
            }
            scoreOne(qm, r, out, k * numItems);
        }
    }

    /** Scores every item for one history R (the target item itself is not removed from R here). */
    private void scoreOne(INDArray qm, int[] r, float[] out, int offset) {
        int n = r.length;
        if (n == 0) {
            java.util.Arrays.fill(out, offset, offset + numItems, 0f);
            return;
        }
        // mcat[dd, j*A + aa] = p_j[dd] * W[aa][dd]; pr[dd, j] = p_j[dd]
        float[] mcat = new float[d * n * a];
        float[] pr = new float[d * n];
        for (int j = 0; j < n; j++) {
            int pj = r[j] * d;
            for (int dd = 0; dd < d; dd++) {
                float pv = p[pj + dd];
                pr[dd * n + j] = pv;
                for (int aa = 0; aa < a; aa++) {
                    mcat[dd * n * a + j * a + aa] = pv * w[aa * d + dd];
                }
            }
        }
        float[] z = product(qm, mcat, n * a);
        float[] c = product(qm, pr, n);
        double[] s = new double[n];
        for (int i = 0; i < numItems; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                double sj = 0;
                int base = (i * n + j) * a;
                for (int aa = 0; aa < a; aa++) {
                    float v = z[base + aa] + b[aa];
                    if (v > 0) {
                        sj += h[aa] * v;
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
            for (int j = 0; j < n; j++) {
                y += Math.exp(s[j] - beta * logZ) * c[i * n + j];
            }
            out[offset + i] = (float) y;
        }
    }

    /** {@code qm [N, d]} times the row-major {@code [d, cols]} matrix, row-major, every native array closed. */
    private float[] product(INDArray qm, float[] right, int cols) {
        try (INDArray r = Nd4j.create(right, new long[] {d, cols}, 'c'); INDArray prod = qm.mmul(r);
             INDArray rows = prod.dup('c')) {
            return rows.data().asFloat();
        }
    }
}
