package org.surrogate.bundles.commons.stats;

import java.util.Arrays;

/** Thin QR of tall dense blocks stored by column, for the randomized SVD. */
final class Orthonormal {

    /** Columns whose norm falls below this fraction of their norm before projection are dropped (zeroed). */
    private static final double RANK_TOLERANCE = 1e-12;

    private Orthonormal() {
    }

    /**
     * Replaces the columns of {@code a} by an orthonormal basis of their span (modified Gram-Schmidt, two
     * passes, "twice is enough") and returns R with {@code a_before = Q R}. Columns found dependent on
     * earlier ones become 0 with a 0 on R's diagonal.
     *
     * @param a the columns, {@code a[j][row]}; overwritten with Q
     * @return R, upper triangular, {@code cols x cols}
     */
    static double[][] thinQr(double[][] a) {
        int cols = a.length;
        double[][] r = new double[cols][cols];
        for (int j = 0; j < cols; j++) {
            double[] col = a[j];
            double before = norm(col);
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    double dot = dot(a[i], col);
                    r[i][j] += dot;
                    axpy(-dot, a[i], col);
                }
            }
            double after = norm(col);
            if (after > RANK_TOLERANCE * before && after > 0) {
                scale(col, 1 / after);
                r[j][j] = after;
            } else {
                Arrays.fill(col, 0);
            }
        }
        return r;
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += x[k] * y[k];
        }
        return s;
    }

    static double norm(double[] x) {
        return Math.sqrt(dot(x, x));
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int k = 0; k < x.length; k++) {
            y[k] += alpha * x[k];
        }
    }

    private static void scale(double[] x, double alpha) {
        for (int k = 0; k < x.length; k++) {
            x[k] *= alpha;
        }
    }

    /** Row-major {@code rows x cols} to columns. */
    static double[][] toColumns(double[] rowMajor, int rows, int cols) {
        double[][] c = new double[cols][rows];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int j = 0; j < cols; j++) {
                c[j][r] = rowMajor[base + j];
            }
        }
        return c;
    }

    /** Columns to row-major, into {@code out}. */
    static void toRowMajor(double[][] columns, double[] out) {
        int cols = columns.length;
        for (int j = 0; j < cols; j++) {
            double[] col = columns[j];
            for (int r = 0; r < col.length; r++) {
                out[r * cols + j] = col[r];
            }
        }
    }
}
