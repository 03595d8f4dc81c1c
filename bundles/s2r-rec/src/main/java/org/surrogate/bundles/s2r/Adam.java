package org.surrogate.bundles.s2r;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (beta1 0.9, beta2 0.999) on named parameter arrays, updated in place, after scaling the
 * gradient to a global L2 norm of at most {@code maxNorm} (the LSTM's gradient spikes otherwise).
 */
final class Adam {

    private final double rate;
    private final double maxNorm;
    private final Map<String, float[]> m = new HashMap<>();
    private final Map<String, float[]> v = new HashMap<>();
    private long t;

    Adam(double rate, double maxNorm) {
        this.rate = rate;
        this.maxNorm = maxNorm;
    }

    /**
     * One step on the named parameters.
     *
     * @param params    arrays updated in place
     * @param gradients gradient of each name to update (names missing from it are not updated)
     * @param names     the names to update
     */
    void step(Map<String, INDArray> params, Map<String, INDArray> gradients, Iterable<String> names) {
        // plain Java on small arrays: a handful of ND4J ops per parameter cost more than the math here
        Map<String, float[]> g = new HashMap<>();
        double sq = 0;
        for (String n : names) {
            float[] a = gradients.get(n).dup('c').data().asFloat();
            g.put(n, a);
            for (float x : a) {
                sq += (double) x * x;
            }
        }
        double norm = Math.sqrt(sq);
        if (!Double.isFinite(norm)) {
            throw new IllegalStateException("gradient norm is " + norm);
        }
        double scale = norm > maxNorm ? maxNorm / norm : 1;
        t++;
        double lr = rate * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
        for (String n : names) {
            float[] gr = g.get(n);
            INDArray param = params.get(n);
            float[] w = param.dup('c').data().asFloat();
            float[] mi = m.computeIfAbsent(n, k -> new float[gr.length]);
            float[] vi = v.computeIfAbsent(n, k -> new float[gr.length]);
            for (int i = 0; i < w.length; i++) {
                float x = (float) (gr[i] * scale);
                mi[i] = 0.9f * mi[i] + 0.1f * x;
                vi[i] = 0.999f * vi[i] + 0.001f * x * x;
                w[i] -= (float) (lr * mi[i] / (Math.sqrt(vi[i]) + 1e-8));
            }
            param.assign(Nd4j.create(w, param.shape(), 'c'));
        }
    }
}
