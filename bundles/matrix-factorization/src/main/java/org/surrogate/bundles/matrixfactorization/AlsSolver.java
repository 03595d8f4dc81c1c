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
     * @return f x f, row-major, in double
     */
    double[] gram(float[] y, int rows) {
        INDArray m = Nd4j.create(y, new long[] {rows, factors}, 'c');
        INDArray g = m.transpose().mmul(m).dup('c');
        float[] values = g.data().asFloat();
        double[] out = new double[factors * factors];
        for (int k = 0; k < out.length; k++) {
            out[k] = values[k];
        }
        return out;
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
        double[] gram = gram(y, y.length / factors);
        pool.sum(conf.rows(), (from, to) -> {
            double[][] work = new double[5][factors];
            for (int u = from; u < to; u++) {
                solveRow(x, y, conf, gram, u, work);
            }
            return 0;
        });
    }

    private void solveRow(float[] x, float[] y, ConfidenceMatrix conf, double[] gram, int u, double[][] work) {
        int f = factors;
        double[] xu = work[0];
        double[] r = work[1];
        double[] p = work[2];
        double[] ap = work[3];
        double[] b = work[4];
        int base = u * f;
        java.util.Arrays.fill(b, 0);
        for (int k = 0; k < f; k++) {
            xu[k] = x[base + k];
        }
        for (int e = conf.pointers()[u]; e < conf.pointers()[u + 1]; e++) {
            int yi = conf.columns()[e] * f;
            double c = 1.0 + conf.extra()[e];
            for (int k = 0; k < f; k++) {
                b[k] += c * y[yi + k];
            }
        }
        multiply(xu, ap, y, conf, gram, u);
        double rsold = 0;
        for (int k = 0; k < f; k++) {
            r[k] = b[k] - ap[k];
            p[k] = r[k];
            rsold += r[k] * r[k];
        }
        for (int step = 0; step < cgSteps && rsold > 1e-20; step++) {
            multiply(p, ap, y, conf, gram, u);
            double pap = dot(p, ap);
            // A is positive semi-definite; a zero or negative curvature means nothing more to gain.
            if (!(pap > 0)) {
                if (Double.isNaN(pap)) {
                    xu[0] = Double.NaN;
                }
                break;
            }
            double alpha = rsold / pap;
            double rsnew = 0;
            for (int k = 0; k < f; k++) {
                xu[k] += alpha * p[k];
                r[k] -= alpha * ap[k];
                rsnew += r[k] * r[k];
            }
            double beta = rsnew / rsold;
            for (int k = 0; k < f; k++) {
                p[k] = r[k] + beta * p[k];
            }
            rsold = rsnew;
        }
        if (!Double.isFinite(rsold)) {
            // Overflow (such as a huge alpha) makes the residual NaN and stops CG early; flag the row
            // so the caller reports divergence instead of keeping stale factors.
            xu[0] = Double.NaN;
        }
        for (int k = 0; k < f; k++) {
            x[base + k] = (float) xu[k];
        }
    }

    /** out = (Y^T Y + lambda I + sum over observed (c - 1) y_i y_i^T) v. */
    private void multiply(double[] v, double[] out, float[] y, ConfidenceMatrix conf, double[] gram, int u) {
        int f = factors;
        for (int a = 0; a < f; a++) {
            double s = regularization * v[a];
            int row = a * f;
            for (int k = 0; k < f; k++) {
                s += gram[row + k] * v[k];
            }
            out[a] = s;
        }
        for (int e = conf.pointers()[u]; e < conf.pointers()[u + 1]; e++) {
            int yi = conf.columns()[e] * f;
            double d = 0;
            for (int k = 0; k < f; k++) {
                d += y[yi + k] * v[k];
            }
            d *= conf.extra()[e];
            for (int k = 0; k < f; k++) {
                out[k] += d * y[yi + k];
            }
        }
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
        double[] gram = gram(y, y.length / factors);
        int f = factors;
        double data = pool.sum(conf.rows(), (from, to) -> {
            double s = 0;
            double[] g = new double[f];
            for (int u = from; u < to; u++) {
                int base = u * f;
                for (int a = 0; a < f; a++) {
                    double t = 0;
                    for (int k = 0; k < f; k++) {
                        t += gram[a * f + k] * x[base + k];
                    }
                    g[a] = t;
                }
                for (int a = 0; a < f; a++) {
                    s += x[base + a] * g[a];
                }
                for (int e = conf.pointers()[u]; e < conf.pointers()[u + 1]; e++) {
                    int yi = conf.columns()[e] * f;
                    double score = 0;
                    for (int k = 0; k < f; k++) {
                        score += x[base + k] * y[yi + k];
                    }
                    double c = 1.0 + conf.extra()[e];
                    s += c * (1 - score) * (1 - score) - score * score;
                }
            }
            return s;
        });
        return data + regularization * (squaredNorm(x) + squaredNorm(y));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
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
