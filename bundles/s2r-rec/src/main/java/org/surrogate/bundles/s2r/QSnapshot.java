package org.surrogate.bundles.s2r;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A frozen copy of the {@link QNetwork} parameters with the forward pass in plain Java: one LSTM
 * step per recommendation and Q values of every item, cheap enough to act in thousands of sessions.
 */
final class QSnapshot {

    final int width;
    final int dim;
    final int hidden;
    private final float[] wv;
    private final float[] wx;
    private final float[] wh;
    private final float[] b;
    private final float[] wq;
    private final float[] bq;

    QSnapshot(Map<String, INDArray> params, int width, int dim, int hidden) {
        this.width = width;
        this.dim = dim;
        this.hidden = hidden;
        this.wv = Dense.snapshot(params, "wv");
        this.wx = Dense.snapshot(params, "wx");
        this.wh = Dense.snapshot(params, "wh");
        this.b = Dense.snapshot(params, "b");
        this.wq = Dense.snapshot(params, "wq");
        this.bq = Dense.snapshot(params, "bq");
    }

    /** F_V(x) = x W_V. */
    float[] itemVector(float[] feat) {
        float[] v = new float[dim];
        Dense.affine(feat, 0, width, wv, dim, v);
        return v;
    }

    float[][] itemVectors(float[][] feats) {
        float[][] out = new float[feats.length][];
        for (int i = 0; i < feats.length; i++) {
            out[i] = itemVector(feats[i]);
        }
        return out;
    }

    /** Advances (h, c) in place by one step with item representation v and reward r. */
    void step(float[] h, float[] c, float[] v, float r) {
        float[] x = new float[dim + 1];
        System.arraycopy(v, 0, x, 0, dim);
        x[dim] = r;
        float[] z = b.clone();
        Dense.affine(x, 0, dim + 1, wx, 4 * hidden, z);
        Dense.affine(h, 0, hidden, wh, 4 * hidden, z);
        for (int j = 0; j < hidden; j++) {
            float in = Dense.sigmoid(z[j]);
            float forget = Dense.sigmoid(z[hidden + j]);
            float out = Dense.sigmoid(z[2 * hidden + j]);
            float cand = (float) Math.tanh(z[3 * hidden + j]);
            c[j] = forget * c[j] + in * cand;
            h[j] = out * (float) Math.tanh(c[j]);
        }
    }

    /** The query vector s W_q + b_q of state h. */
    float[] query(float[] h) {
        float[] u = bq.clone();
        Dense.affine(h, 0, hidden, wq, dim, u);
        return u;
    }

    static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * The best item not yet shown.
     *
     * @param u      the query vector
     * @param items  item representations of the domain
     * @param shown  items already shown (true = masked)
     * @return the arg max, or -1 if every item was shown
     */
    static int best(float[] u, float[][] items, boolean[] shown) {
        int arg = -1;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < items.length; j++) {
            if (!shown[j]) {
                float q = dot(u, items[j]);
                if (arg < 0 || q > max) {
                    max = q;
                    arg = j;
                }
            }
        }
        return arg;
    }

    static float max(float[] u, float[][] items, boolean[] shown) {
        int a = best(u, items, shown);
        return a < 0 ? 0 : dot(u, items[a]);
    }
}
