package org.surrogate.bundles.recsimu;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.surrogate.api.data.Dataset;

/**
 * Fixed item embeddings e_i in (-1, 1)^E, the paper's pre-trained item representations (footnote 1:
 * word embeddings of items over browsing sessions, after Levy and Goldberg 2014). Levy and Goldberg
 * show skip-gram factorises a shifted PMI matrix, so we factorise it directly: item co-occurrence
 * counts within {@code window} positions of each user's sequence, positive PMI, the top E eigenpairs
 * of that symmetric matrix by randomized subspace iteration (seeded), {@code e = V_E |Lambda_E|^(1/2)},
 * and each dimension scaled by its largest absolute value (times 1.001) into (-1, 1). Items that never
 * co-occur get zero vectors.
 */
final class ItemEmbeddings {

    private static final int OVERSAMPLE = 10;
    private static final int POWER_ITERATIONS = 4;

    private final float[][] vectors;

    private ItemEmbeddings(float[][] vectors) {
        this.vectors = vectors;
    }

    /**
     * Builds embeddings from given vectors (tests).
     *
     * @param vectors one row per item
     * @return the embeddings
     */
    static ItemEmbeddings of(float[][] vectors) {
        return new ItemEmbeddings(vectors);
    }

    /**
     * The vector of an item (live; do not change).
     *
     * @param item the item
     * @return its E values
     */
    float[] vector(int item) {
        return vectors[item];
    }

    /**
     * The dimension E.
     *
     * @return E
     */
    int dimension() {
        return vectors.length == 0 ? 0 : vectors[0].length;
    }

    /**
     * The number of items.
     *
     * @return the count
     */
    int numItems() {
        return vectors.length;
    }

    /**
     * Fits embeddings on a dataset's user sequences.
     *
     * @param data      the sequences (training logs only)
     * @param dimension E
     * @param window    co-occurrence window in positions
     * @param rng       the generator of the random start of the subspace iteration
     * @return the embeddings
     */
    static ItemEmbeddings fit(Dataset data, int dimension, int window, Random rng) {
        int n = data.numItems();
        long[] pairs = pairs(data, window);
        Arrays.sort(pairs);
        // CSR of the co-occurrence counts.
        int[] rowStart = new int[n + 1];
        int distinct = 0;
        for (int k = 0; k < pairs.length; k++) {
            if (k == 0 || pairs[k] != pairs[k - 1]) {
                distinct++;
                rowStart[(int) (pairs[k] >>> 32) + 1]++;
            }
        }
        for (int r = 0; r < n; r++) {
            rowStart[r + 1] += rowStart[r];
        }
        int[] cols = new int[distinct];
        double[] vals = new double[distinct];
        double[] rowSum = new double[n];
        int pos = -1;
        for (int k = 0; k < pairs.length; k++) {
            if (k == 0 || pairs[k] != pairs[k - 1]) {
                pos++;
                cols[pos] = (int) pairs[k];
            }
            vals[pos]++;
            rowSum[(int) (pairs[k] >>> 32)]++;
        }
        double total = pairs.length;
        for (int r = 0; r < n; r++) {
            for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
                double pmi = Math.log(vals[k] * total / (rowSum[r] * rowSum[cols[k]]));
                vals[k] = Math.max(0, pmi);
            }
        }
        return new ItemEmbeddings(factorise(n, rowStart, cols, vals, dimension, rng));
    }

    private static long[] pairs(Dataset data, int window) {
        long count = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            int len = data.degree(u);
            for (int i = 0; i < len; i++) {
                count += 2L * Math.min(window, len - 1 - i);
            }
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("item embeddings: " + count + " co-occurrence pairs are too many; "
                    + "lower embeddingWindow");
        }
        long[] pairs = new long[(int) count];
        int p = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            for (int i = data.begin(u); i < data.end(u); i++) {
                for (int j = i + 1; j < data.end(u) && j - i <= window; j++) {
                    long a = data.item(i);
                    long b = data.item(j);
                    pairs[p++] = a << 32 | b;
                    pairs[p++] = b << 32 | a;
                }
            }
        }
        return pairs;
    }

    /** Top eigenpairs of a symmetric CSR matrix by subspace iteration; rows scaled into (-1, 1). */
    private static float[][] factorise(int n, int[] rowStart, int[] cols, double[] vals, int dimension, Random rng) {
        int k = Math.min(n, dimension + OVERSAMPLE);
        double[][] q = new double[k][n];
        for (double[] column : q) {
            for (int r = 0; r < n; r++) {
                column[r] = rng.nextGaussian();
            }
        }
        orthonormalise(q);
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            double[][] y = new double[k][];
            for (int c = 0; c < k; c++) {
                y[c] = multiply(n, rowStart, cols, vals, q[c]);
            }
            q = y;
            orthonormalise(q);
        }
        double[][] mq = new double[k][];
        for (int c = 0; c < k; c++) {
            mq[c] = multiply(n, rowStart, cols, vals, q[c]);
        }
        double[][] t = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                t[a][b] = dot(q[a], mq[b]);
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double m = (t[a][b] + t[b][a]) / 2;
                t[a][b] = m;
                t[b][a] = m;
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(t, false));
        double[] lambda = eig.getRealEigenvalues();
        Integer[] order = new Integer[k];
        for (int a = 0; a < k; a++) {
            order[a] = a;
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(lambda[b]), Math.abs(lambda[a])));
        int d = dimension;
        float[][] out = new float[n][d];
        for (int j = 0; j < Math.min(d, k); j++) {
            double[] v = eig.getEigenvector(order[j]).toArray();
            // A deterministic sign: the largest component positive.
            int arg = 0;
            for (int a = 1; a < k; a++) {
                if (Math.abs(v[a]) > Math.abs(v[arg])) {
                    arg = a;
                }
            }
            double sign = v[arg] < 0 ? -1 : 1;
            double scale = Math.sqrt(Math.abs(lambda[order[j]])) * sign;
            double[] column = new double[n];
            double max = 0;
            for (int r = 0; r < n; r++) {
                double s = 0;
                for (int a = 0; a < k; a++) {
                    s += q[a][r] * v[a];
                }
                column[r] = s * scale;
                max = Math.max(max, Math.abs(column[r]));
            }
            double norm = max == 0 ? 0 : 1 / (max * 1.001);
            for (int r = 0; r < n; r++) {
                out[r][j] = (float) (column[r] * norm);
            }
        }
        return out;
    }

    private static double[] multiply(int n, int[] rowStart, int[] cols, double[] vals, double[] x) {
        double[] y = new double[n];
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int p = rowStart[r]; p < rowStart[r + 1]; p++) {
                s += vals[p] * x[cols[p]];
            }
            y[r] = s;
        }
        return y;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Modified Gram-Schmidt, twice for stability; a column that vanishes is left at zero. */
    private static void orthonormalise(double[][] q) {
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < q.length; c++) {
                for (int p = 0; p < c; p++) {
                    double d = dot(q[c], q[p]);
                    for (int r = 0; r < q[c].length; r++) {
                        q[c][r] -= d * q[p][r];
                    }
                }
                double norm = Math.sqrt(dot(q[c], q[c]));
                for (int r = 0; r < q[c].length; r++) {
                    q[c][r] = norm < 1e-12 ? 0 : q[c][r] / norm;
                }
            }
        }
    }
}
