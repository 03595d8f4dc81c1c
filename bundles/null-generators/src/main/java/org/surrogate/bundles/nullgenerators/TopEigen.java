package org.surrogate.bundles.nullgenerators;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.surrogate.api.run.RunContext;

/**
 * The top eigenpairs (largest algebraic eigenvalues) of a symmetric matrix by subspace iteration with a
 * Rayleigh-Ritz step (Halko, Martinsson, Tropp, SIAM Review 2011, algorithms 4.4 and 5.3): {@code k + 8}
 * random Gaussian columns are multiplied by {@code A + shift I} and re-orthonormalised
 * {@code iterations} times, then the small matrix {@code Q^T A Q} is diagonalised (commons-math3). The shift
 * makes {@code A + shift I} positive semi-definite, so that iteration favours the largest algebraic
 * eigenvalues rather than the largest in magnitude (a noisy Gram matrix has negative eigenvalues of order
 * {@code 2 sigma sqrt(n)}). Cost: {@code n^2 (k + 8)} multiply-adds per iteration.
 *
 * @param vectors the eigenvectors, {@code vectors[j]} of length n, orthonormal
 * @param values  the eigenvalues, decreasing
 */
record TopEigen(double[][] vectors, double[] values) {

    /**
     * Computes the top k eigenpairs.
     *
     * @param a          the symmetric matrix, n x n row-major
     * @param n          its order
     * @param k          how many pairs, at most n
     * @param iterations the number of multiplications
     * @param shift      added to the diagonal while iterating
     * @param rng        the starting columns
     * @param ctx        for progress and cancellation
     * @return the pairs
     */
    static TopEigen compute(float[] a, int n, int k, int iterations, double shift, SplittableRandom rng,
                            RunContext ctx) {
        int p = Math.min(n, k + 8);
        double[][] q = new double[p][n];
        for (double[] col : q) {
            for (int i = 0; i < n; i++) {
                col[i] = rng.nextGaussian();
            }
        }
        orthonormalise(q, rng);
        for (int it = 0; it < iterations; it++) {
            ctx.checkCancelled();
            ctx.progress(0.2 + 0.7 * it / iterations, "subspace iteration " + (it + 1) + " of " + iterations);
            q = multiply(a, n, q, shift);
            orthonormalise(q, rng);
        }
        double[][] aq = multiply(a, n, q, 0);
        double[][] t = new double[p][p];
        for (int r = 0; r < p; r++) {
            for (int c = 0; c < p; c++) {
                t[r][c] = dot(q[r], aq[c]);
            }
        }
        for (int r = 0; r < p; r++) {
            for (int c = r + 1; c < p; c++) {
                double m = (t[r][c] + t[c][r]) / 2;
                t[r][c] = m;
                t[c][r] = m;
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(t, false));
        double[] lambda = eig.getRealEigenvalues();
        Integer[] order = new Integer[p];
        for (int j = 0; j < p; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (x, y) -> Double.compare(lambda[y], lambda[x]));
        double[][] vectors = new double[k][n];
        double[] values = new double[k];
        for (int j = 0; j < k; j++) {
            double[] w = eig.getEigenvector(order[j]).toArray();
            values[j] = lambda[order[j]];
            for (int r = 0; r < p; r++) {
                double coef = w[r];
                double[] col = q[r];
                double[] v = vectors[j];
                for (int i = 0; i < n; i++) {
                    v[i] += coef * col[i];
                }
            }
        }
        return new TopEigen(vectors, values);
    }

    /** {@code (A + shift I) Q} with Q as columns. */
    private static double[][] multiply(float[] a, int n, double[][] q, double shift) {
        int p = q.length;
        double[][] y = new double[p][n];
        double[] sums = new double[p];
        for (int i = 0; i < n; i++) {
            Arrays.fill(sums, 0);
            int base = i * n;
            for (int j = 0; j < n; j++) {
                double aij = a[base + j];
                if (aij != 0) {
                    for (int c = 0; c < p; c++) {
                        sums[c] += aij * q[c][j];
                    }
                }
            }
            for (int c = 0; c < p; c++) {
                y[c][i] = sums[c] + shift * q[c][i];
            }
        }
        return y;
    }

    /** Modified Gram-Schmidt, twice; a column that vanishes is replaced by a random one. */
    private static void orthonormalise(double[][] q, SplittableRandom rng) {
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < q.length; c++) {
                for (int attempt = 0; ; attempt++) {
                    for (int b = 0; b < c; b++) {
                        double d = dot(q[b], q[c]);
                        for (int i = 0; i < q[c].length; i++) {
                            q[c][i] -= d * q[b][i];
                        }
                    }
                    double norm = Math.sqrt(dot(q[c], q[c]));
                    if (norm > 1e-10 || attempt == 3) {
                        for (int i = 0; i < q[c].length; i++) {
                            q[c][i] = norm > 0 ? q[c][i] / norm : 0;
                        }
                        break;
                    }
                    for (int i = 0; i < q[c].length; i++) {
                        q[c][i] = rng.nextGaussian();
                    }
                }
            }
        }
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
