package org.surrogate.bundles.matrixfactorization;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The numerical kernels of implicit ALS on row-major float factor matrices: the Gram matrix
 * {@code Y^T Y} (an ND4J product), one half-step of conjugate-gradient solves (Takacs, Pilaszy and
 * Tikk 2011), and the exact weighted loss. Rows are solved independently, so the result does not
 * depend on how rows are spread over threads.
 */
final class AlsSolver {

    private final int factors;
    private final double regularization;
    private final int cgSteps;
    private final WorkerPool pool;

    /**
     * Creates a solver.
     *
     * @param factors        the number of factors f
     * @param regularization the L2 weight lambda
     * @param cgSteps        conjugate-gradient steps per row and half-step
     * @param pool           the worker threads
     */
    AlsSolver(int factors, double regularization, int cgSteps, WorkerPool pool) {
        this.factors = factors;
        this.regularization = regularization;
        this.cgSteps = cgSteps;
        this.pool = pool;
    }

    /**
     * The Gram matrix {@code Y^T Y} of a row-major factor matrix, by ND4J.
     *
     * @param y    rows x f, row-major
     * @param rows the number of rows
     * @return f x f, row-major
     */
    float[] gram(float[] y, int rows) {
        INDArray m = Nd4j.create(y, new long[] {rows, factors}, 'c');
        INDArray g = m.transpose().mmul(m).dup('c');
        return g.data().asFloat();
    }

    /**
     * Updates every row of {@code x} with the configured number of CG steps on
     * {@code (Y^T C_u Y + lambda I) x_u = Y^T C_u p_u}, starting from the current {@code x_u}.
     *
     * @param x    the factors to update, rows x f
     * @param y    the fixed factors
     * @param conf the confidence matrix with the rows of {@code x}
     */
    void halfStep(float[] x, float[] y, ConfidenceMatrix conf) {
        float[] gram = gram(y, y.length / factors);
        pool.sum(conf.rows(), (from, to) -> {
            float[][] work = new float[5][factors];
            for (int u = from; u < to; u++) {
                solveRow(x, y, conf, gram, u, work);
            }
            return 0;
        });
    }

    /*
     * The kernels below are written for the JIT: element-wise loops (axpy) over float arrays, which
     * C2 vectorises, and dot products with four partial sums, which it cannot vectorise (float
     * addition is not associative) but which then run four times faster than one dependent chain.
     * Per row and CG step: 2 f^2 flops for the Gram product plus 4 f per observed entry.
     */

    private void solveRow(float[] x, float[] y, ConfidenceMatrix conf, float[] gram, int u, float[][] work) {
        int f = factors;
        float[] xu = work[0];
        float[] r = work[1];
        float[] p = work[2];
        float[] ap = work[3];
        float[] b = work[4];
        int base = u * f;
        int from = conf.pointers()[u];
        int to = conf.pointers()[u + 1];
        int[] cols = conf.columns();
        float[] extra = conf.extra();
        java.util.Arrays.fill(b, 0f);
        System.arraycopy(x, base, xu, 0, f);
        for (int e = from; e < to; e++) {
            axpy(b, 1f + extra[e], y, cols[e] * f, f);
        }
        multiply(xu, ap, y, cols, extra, from, to, gram);
        double rsold = 0;
        for (int k = 0; k < f; k++) {
            r[k] = b[k] - ap[k];
            p[k] = r[k];
        }
        rsold = dot(r, 0, r, 0, f);
        for (int step = 0; step < cgSteps && rsold > 1e-20; step++) {
            multiply(p, ap, y, cols, extra, from, to, gram);
            double pap = dot(p, 0, ap, 0, f);
            // A is positive semi-definite; a zero or negative curvature means nothing more to gain.
            if (!(pap > 0)) {
                if (Double.isNaN(pap)) {
                    xu[0] = Float.NaN;
                }
                break;
            }
            float alpha = (float) (rsold / pap);
            for (int k = 0; k < f; k++) {
                xu[k] += alpha * p[k];
                r[k] -= alpha * ap[k];
            }
            double rsnew = dot(r, 0, r, 0, f);
            float beta = (float) (rsnew / rsold);
            for (int k = 0; k < f; k++) {
                p[k] = r[k] + beta * p[k];
            }
            rsold = rsnew;
        }
        if (!Double.isFinite(rsold)) {
            // Overflow (such as a huge alpha) makes the residual NaN and stops CG early; flag the row
            // so the caller reports divergence instead of keeping stale factors.
            xu[0] = Float.NaN;
        }
        System.arraycopy(xu, 0, x, base, f);
    }

    /** out = (Y^T Y + lambda I + sum over observed (c - 1) y_i y_i^T) v. */
    private void multiply(float[] v, float[] out, float[] y, int[] cols, float[] extra, int from, int to,
                          float[] gram) {
        int f = factors;
        float reg = (float) regularization;
        for (int k = 0; k < f; k++) {
            out[k] = reg * v[k];
        }
        // Y^T Y is symmetric: (Y^T Y) v is the sum of its rows weighted by v, element-wise.
        for (int a = 0; a < f; a++) {
            axpy(out, v[a], gram, a * f, f);
        }
        for (int e = from; e < to; e++) {
            int yi = cols[e] * f;
            axpy(out, (float) dot(y, yi, v, 0, f) * extra[e], y, yi, f);
        }
    }

    /** out[k] += a * v[offset + k] for k in [0, n). */
    private static void axpy(float[] out, float a, float[] v, int offset, int n) {
        for (int k = 0; k < n; k++) {
            out[k] += a * v[offset + k];
        }
    }

    /** The dot product of a[ao .. ao + n) and b[bo .. bo + n), with four partial sums. */
    static double dot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[ao + k] * b[bo + k];
            s1 += a[ao + k + 1] * b[bo + k + 1];
            s2 += a[ao + k + 2] * b[bo + k + 2];
            s3 += a[ao + k + 3] * b[bo + k + 3];
        }
        for (; k < n; k++) {
            s0 += a[ao + k] * b[bo + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The exact objective {@code sum over all (u, i) of c_ui (p_ui - x_u . y_i)^2 + lambda (|X|^2 + |Y|^2)},
     * computed without visiting unobserved pairs: {@code sum_u x_u^T (Y^T Y) x_u} covers every pair
     * as if unobserved, and each observed pair then adds {@code c (1 - s)^2 - s^2}.
     *
     * @param x     user factors
     * @param y     item factors
     * @param conf  the by-user confidence matrix
     * @return the loss
     */
    double loss(float[] x, float[] y, ConfidenceMatrix conf) {
        float[] gram = gram(y, y.length / factors);
        int f = factors;
        double data = pool.sum(conf.rows(), (from, to) -> {
            double s = 0;
            float[] g = new float[f];
            for (int u = from; u < to; u++) {
                int base = u * f;
                java.util.Arrays.fill(g, 0f);
                for (int a = 0; a < f; a++) {
                    axpy(g, x[base + a], gram, a * f, f);
                }
                s += dot(x, base, g, 0, f);
                for (int e = conf.pointers()[u]; e < conf.pointers()[u + 1]; e++) {
                    double score = dot(x, base, y, conf.columns()[e] * f, f);
                    double c = 1.0 + conf.extra()[e];
                    s += c * (1 - score) * (1 - score) - score * score;
                }
            }
            return s;
        });
        return data + regularization * (squaredNorm(x) + squaredNorm(y));
    }

    /**
     * The sum of squares of the values.
     *
     * @param v the values
     * @return the sum
     */
    static double squaredNorm(float[] v) {
        double s = 0;
        for (float a : v) {
            s += (double) a * a;
        }
        return s;
    }

    /**
     * Whether every value is finite.
     *
     * @param v the values
     * @return false if one is NaN or infinite
     */
    static boolean allFinite(float[] v) {
        for (float a : v) {
            if (!Float.isFinite(a)) {
                return false;
            }
        }
        return true;
    }
}
