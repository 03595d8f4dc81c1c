package org.surrogate.bundles.privacyattacks;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * L2-regularised logistic regression on standardised features, fitted by Newton's method (iteratively
 * reweighted least squares) with class weights that give both classes the same total weight. The intercept
 * is not penalised. Deterministic: no random start.
 */
final class LogisticRegression {

    private static final int MAX_ITERATIONS = 100;

    private final double[] mean;
    private final double[] scale;
    private final double[] weights;

    private LogisticRegression(double[] mean, double[] scale, double[] weights) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
    }

    /**
     * Fits the model.
     *
     * @param positives feature rows of class 1, at least one
     * @param negatives feature rows of class 0, at least one
     * @param l2        the penalty on the (standardised) coefficients, &gt;= 0
     * @return the model
     */
    static LogisticRegression fit(double[][] positives, double[][] negatives, double l2) {
        int f = positives[0].length;
        double[] mean = new double[f];
        double[] scale = new double[f];
        int n = positives.length + negatives.length;
        for (double[][] set : new double[][][] {positives, negatives}) {
            for (double[] row : set) {
                for (int j = 0; j < f; j++) {
                    mean[j] += row[j] / n;
                }
            }
        }
        for (double[][] set : new double[][][] {positives, negatives}) {
            for (double[] row : set) {
                for (int j = 0; j < f; j++) {
                    scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
                }
            }
        }
        for (int j = 0; j < f; j++) {
            scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 1;
        }
        LogisticRegression model = new LogisticRegression(mean, scale, new double[f + 1]);
        double wPos = 0.5 * n / positives.length;
        double wNeg = 0.5 * n / negatives.length;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[][] hessian = new double[f + 1][f + 1];
            double[] gradient = new double[f + 1];
            model.accumulate(positives, 1, wPos, hessian, gradient);
            model.accumulate(negatives, 0, wNeg, hessian, gradient);
            for (int j = 1; j <= f; j++) {
                hessian[j][j] += l2;
                gradient[j] -= l2 * model.weights[j];
            }
            hessian[0][0] += 1e-9;
            for (int a = 0; a <= f; a++) {
                for (int b = 0; b < a; b++) {
                    hessian[a][b] = hessian[b][a];
                }
            }
            RealVector step = new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false), 1e-12, 1e-14)
                    .getSolver().solve(new ArrayRealVector(gradient, false));
            double size = 0;
            for (int j = 0; j <= f; j++) {
                model.weights[j] += step.getEntry(j);
                size = Math.max(size, Math.abs(step.getEntry(j)));
            }
            if (size < 1e-10) {
                break;
            }
        }
        return model;
    }

    /** Adds one class's terms to the Hessian of the negative log-likelihood and to its negative gradient. */
    private void accumulate(double[][] rows, int label, double weight, double[][] hessian, double[] gradient) {
        int f = mean.length;
        double[] z = new double[f + 1];
        for (double[] row : rows) {
            z[0] = 1;
            for (int j = 0; j < f; j++) {
                z[j + 1] = (row[j] - mean[j]) / scale[j];
            }
            double p = sigmoid(dot(z));
            double w = weight * p * (1 - p);
            for (int a = 0; a <= f; a++) {
                gradient[a] += weight * (label - p) * z[a];
                for (int b = a; b <= f; b++) {
                    hessian[a][b] += w * z[a] * z[b];
                }
            }
        }
    }

    /**
     * The linear score of a row (the log-odds of class 1).
     *
     * @param row the features
     * @return the score
     */
    double score(double[] row) {
        double s = weights[0];
        for (int j = 0; j < mean.length; j++) {
            s += weights[j + 1] * (row[j] - mean[j]) / scale[j];
        }
        return s;
    }

    /**
     * The coefficients on the standardised features, intercept first.
     *
     * @return a copy
     */
    double[] coefficients() {
        return weights.clone();
    }

    private double dot(double[] z) {
        double s = 0;
        for (int j = 0; j < z.length; j++) {
            s += weights[j] * z[j];
        }
        return s;
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
