package org.surrogate.bundles.casr;

/** Small numeric helpers of the samplers: softmax, argmax, nearest embedding. */
final class Numerics {

    private Numerics() {
    }

    /**
     * {@code softmax(tau * z)}, computed stably.
     *
     * @param z   scores
     * @param tau the inverse temperature
     * @return the probabilities
     */
    static float[] softmax(float[] z, double tau) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, tau * v);
        }
        double[] e = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(tau * z[i] - max);
            sum += e[i];
        }
        float[] p = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }

    /**
     * The index of the largest value (the first on ties).
     *
     * @param v values
     * @return the index
     */
    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The item whose embedding is nearest (squared Euclidean) to a vector, Eq. 5, leaving one item out.
     *
     * @param table   the embeddings, row-major {@code [N, E]}
     * @param e       E
     * @param vector  the vector
     * @param exclude an item never chosen (the original {@code t^d}: replacing it by itself is no
     *                intervention)
     * @return the item
     */
    static int nearest(float[] table, int e, float[] vector, int exclude) {
        int n = table.length / e;
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (i == exclude) {
                continue;
            }
            double d = 0;
            int base = i * e;
            for (int a = 0; a < e; a++) {
                double diff = table[base + a] - vector[a];
                d += diff * diff;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }
}
