package org.surrogate.bundles.s2r;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The dynamics adaptation classifiers: D_sa(s, a) and D_sas(s, a, s') predict whether a transition
 * came from the real environment (label 1) or the simulator (label 0), each a one-hidden-layer
 * network trained with the logistic losses L_sa and L_sas. The state s is the LSTM state h_t of
 * the policy network (an input here: no gradient reaches the encoder, as in the paper's objective),
 * the action enters through its representation F_V(x_a) (the item map shared with the policy; in
 * joint training L_sa and L_sas also update it), and s' through the observed reward r_t: the next
 * state is the deterministic LSTM update of (s_t, a_t, r_t), so (s_t, a_t, r_t) carries exactly the
 * information of (s_t, a_t, s_{t+1}).
 *
 * <p>The reward correction is the log-ratio of Eysenbach et al. (2021):
 * {@code dr = log D_sas/(1 - D_sas) - log D_sa/(1 - D_sa) = logit D_sas - logit D_sa}, which
 * estimates {@code log p_real(s'|s,a) - log p_sim(s'|s,a)}.
 */
final class DynamicsClassifiers {

    private final int width;
    private final int dim;
    private final int hidden;
    private final int units;
    private final Map<String, INDArray> params;
    private final SameDiff sd;
    private final List<String> own = new ArrayList<>();

    DynamicsClassifiers(int width, int dim, int hidden, int units, Map<String, INDArray> params, Random rng) {
        this.width = width;
        this.dim = dim;
        this.hidden = hidden;
        this.units = units;
        this.params = params;
        for (String c : new String[] {"sa", "sas"}) {
            int in = hidden + dim + (c.equals("sas") ? 1 : 0);
            params.put(c + "_w1", Dense.glorot(in, units, rng));
            params.put(c + "_b1", Dense.constant(units, 0f));
            params.put(c + "_w2", Dense.glorot(units, 1, rng));
            params.put(c + "_b2", Dense.constant(1, 0f));
            own.add(c + "_w1");
            own.add(c + "_b1");
            own.add(c + "_w2");
            own.add(c + "_b2");
        }
        this.sd = build();
    }

    /** The classifiers' own parameters (not the item map). */
    List<String> names() {
        return own;
    }

    private SameDiff build() {
        SameDiff g = SameDiff.create();
        Map<String, SDVariable> p = new HashMap<>();
        for (String n : own) {
            p.put(n, g.var(n, params.get(n)));
        }
        p.put("wv", g.var("wv", params.get("wv")));
        SDVariable hs = g.placeHolder("hs", DataType.FLOAT, -1, hidden);
        SDVariable f = g.placeHolder("f", DataType.FLOAT, -1, width);
        SDVariable r = g.placeHolder("r", DataType.FLOAT, -1, 1);
        SDVariable y = g.placeHolder("y", DataType.FLOAT, -1, 1);
        SDVariable v = g.mmul(f, p.get("wv"));
        SDVariable sa = logit(g, p, "sa", g.concat(1, hs, v));
        SDVariable sas = logit(g, p, "sas", g.concat(1, hs, v, r));
        g.identity("loss_sa", bce(g, sa, y));
        g.identity("loss_sas", bce(g, sas, y));
        g.getVariable("loss_sa").add("loss", g.getVariable("loss_sas"));
        g.setLossVariables("loss");
        return g;
    }

    private static SDVariable logit(SameDiff g, Map<String, SDVariable> p, String c, SDVariable in) {
        SDVariable z = g.math().tanh(g.mmul(in, p.get(c + "_w1")).add(p.get(c + "_b1")));
        return g.mmul(z, p.get(c + "_w2")).add(p.get(c + "_b2"));
    }

    private static SDVariable bce(SameDiff g, SDVariable logit, SDVariable y) {
        SDVariable pos = y.mul(g.nn().logSigmoid(logit));
        SDVariable neg = y.rsub(1.0).mul(g.nn().logSigmoid(logit.neg()));
        return g.mean(pos.add(neg)).neg();
    }

    /**
     * One step on a batch of labelled transitions.
     *
     * @param states  [N][H] LSTM states s_t
     * @param feats   [N][width] padded features of a_t
     * @param rewards [N] r_t
     * @param labels  [N] 1 real, 0 simulation
     * @param adam    optimizer
     * @param update  names to update (the item map only in joint training)
     * @return {L_sa, L_sas} before the step
     */
    double[] train(float[][] states, float[][] feats, float[] rewards, float[] labels, Adam adam,
                   Collection<String> update) {
        sd.getVariable("wv").setArray(params.get("wv"));
        for (String n : own) {
            sd.getVariable(n).setArray(params.get(n));
        }
        Map<String, INDArray> ph = new HashMap<>();
        float[][] r = new float[rewards.length][1];
        float[][] y = new float[labels.length][1];
        for (int i = 0; i < r.length; i++) {
            r[i][0] = rewards[i];
            y[i][0] = labels[i];
        }
        ph.put("hs", Dense.matrix(states, hidden));
        ph.put("f", Dense.matrix(feats, width));
        ph.put("r", Dense.matrix(r, 1));
        ph.put("y", Dense.matrix(y, 1));
        OutAndGrad og = sd.calculateGradientsAndOutputs(ph, List.of("loss_sa", "loss_sas"), update);
        double lsa = og.getOutputs().get("loss_sa").getDouble(0);
        double lsas = og.getOutputs().get("loss_sas").getDouble(0);
        if (!Double.isFinite(lsa) || !Double.isFinite(lsas)) {
            throw new IllegalStateException("classifier loss is " + lsa + " / " + lsas);
        }
        adam.step(params, og.getGradients(), update);
        return new double[] {lsa, lsas};
    }

    /** Frozen copy for computing the correction in Java. */
    Snapshot snapshot() {
        return new Snapshot();
    }

    /** The classifiers' parameters with their forward pass in Java. */
    final class Snapshot {
        private final Map<String, float[]> w = new HashMap<>();
        private final float[] wv = Dense.snapshot(params, "wv");

        Snapshot() {
            for (String n : own) {
                w.put(n, Dense.snapshot(params, n));
            }
        }

        private float logit(String c, float[] in) {
            float[] z = w.get(c + "_b1").clone();
            Dense.affine(in, 0, in.length, w.get(c + "_w1"), units, z);
            float out = w.get(c + "_b2")[0];
            float[] w2 = w.get(c + "_w2");
            for (int j = 0; j < units; j++) {
                out += (float) Math.tanh(z[j]) * w2[j];
            }
            return out;
        }

        /**
         * The reward correction logit D_sas - logit D_sa of one transition.
         *
         * @param h    s_t
         * @param feat padded features of a_t
         * @param r    r_t
         * @return the correction
         */
        double delta(float[] h, float[] feat, float r) {
            float[] v = new float[dim];
            Dense.affine(feat, 0, width, wv, dim, v);
            float[] sa = new float[hidden + dim];
            System.arraycopy(h, 0, sa, 0, hidden);
            System.arraycopy(v, 0, sa, hidden, dim);
            float[] sas = java.util.Arrays.copyOf(sa, hidden + dim + 1);
            sas[hidden + dim] = r;
            return logit("sas", sas) - logit("sa", sa);
        }
    }
}
