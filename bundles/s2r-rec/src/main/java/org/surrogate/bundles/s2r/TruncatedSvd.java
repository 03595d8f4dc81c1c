package org.surrogate.bundles.s2r;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Truncated SVD of a sparse rating matrix (missing entries are zeros) by randomized subspace
 * iteration (Halko, Martinsson and Tropp 2011): four power iterations on a Gaussian start of
 * {@code k + 8} columns drawn from a seeded generator, then the exact SVD of the small projected
 * matrix. Returns the top {@code k} factors scaled by the square root of the singular values, so
 * that {@code users[i] . items[j]} approximates the rating.
 */
final class TruncatedSvd {

    /** Users by k (U sqrt(S)). */
    final double[][] users;
    /** Items by k (V sqrt(S)). */
    final double[][] items;
    /** The k singular values, descending. */
    final double[] singular;
    /** Items by k: V / sqrt(S), to fold in a new user's rating row. */
    private final double[][] foldIn;

    private TruncatedSvd(double[][] users, double[][] items, double[] singular, double[][] foldIn) {
        this.users = users;
        this.items = items;
        this.singular = singular;
        this.foldIn = foldIn;
    }

    /**
     * Factors a table.
     *
     * @param table the ratings
     * @param k     number of factors, at most min(users, items)
     * @param rng   seeded generator of the start
     * @return the factors
     */
    static TruncatedSvd of(RatingTable table, int k, Random rng) {
        int m = table.numUsers();
        int n = table.numItems();
        int rank = Math.min(k, Math.min(m, n));
        int l = Math.min(rank + 8, Math.min(m, n));
        double[][] omega = new double[n][l];
        for (double[] row : omega) {
            for (int c = 0; c < l; c++) {
                row[c] = rng.nextGaussian();
            }
        }
        double[][] q = orthonormal(times(table, omega, m, l));
        for (int it = 0; it < 4; it++) {
            double[][] z = orthonormal(transposeTimes(table, q, n, l));
            q = orthonormal(times(table, z, m, l));
        }
        // B = Q^T Y (l x n) as its transpose Y^T Q (n x l); B B^T = (Y^T Q)^T (Y^T Q).
        double[][] bt = transposeTimes(table, q, n, l);
        RealMatrix btm = new Array2DRowRealMatrix(bt, false);
        RealMatrix gram = btm.transpose().multiply(btm);
        EigenDecomposition eig = new EigenDecomposition(gram);
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[l];
        for (int i = 0; i < l; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[] sigma = new double[rank];
        double[][] users = new double[m][rank];
        double[][] items = new double[n][rank];
        double[][] fold = new double[n][rank];
        for (int c = 0; c < rank; c++) {
            double[] w = eig.getEigenvector(order[c]).toArray();
            // a deterministic sign: the largest entry of the left vector is positive
            double s = Math.sqrt(Math.max(values[order[c]], 0));
            sigma[c] = s;
            double[] left = new double[m];
            for (int i = 0; i < m; i++) {
                double v = 0;
                for (int j = 0; j < l; j++) {
                    v += q[i][j] * w[j];
                }
                left[i] = v;
            }
            int arg = 0;
            for (int i = 1; i < m; i++) {
                if (Math.abs(left[i]) > Math.abs(left[arg])) {
                    arg = i;
                }
            }
            double sign = left[arg] < 0 ? -1 : 1;
            double root = Math.sqrt(s);
            for (int i = 0; i < m; i++) {
                users[i][c] = sign * left[i] * root;
            }
            for (int j = 0; j < n; j++) {
                double v = 0;
                for (int t = 0; t < l; t++) {
                    v += bt[j][t] * w[t];
                }
                double right = s > 1e-12 ? sign * v / s : 0;
                items[j][c] = right * root;
                fold[j][c] = s > 1e-12 ? right / root : 0;
            }
        }
        return new TruncatedSvd(users, items, sigma, fold);
    }

    /**
     * Folds a user's ratings on these items into the user factor space: {@code y V / sqrt(S)}.
     *
     * @param itemIdx the rated items
     * @param ratings the ratings
     * @return the user's factors
     */
    double[] foldIn(int[] itemIdx, float[] ratings) {
        int k = singular.length;
        double[] u = new double[k];
        for (int p = 0; p < itemIdx.length; p++) {
            double[] row = foldIn[itemIdx[p]];
            for (int c = 0; c < k; c++) {
                u[c] += ratings[p] * row[c];
            }
        }
        return u;
    }

    private static double[][] times(RatingTable y, double[][] x, int m, int l) {
        double[][] out = new double[m][l];
        for (int u = 0; u < m; u++) {
            int[] it = y.itemsOf(u);
            float[] r = y.ratingsOf(u);
            double[] row = out[u];
            for (int p = 0; p < it.length; p++) {
                double[] xr = x[it[p]];
                for (int c = 0; c < l; c++) {
                    row[c] += r[p] * xr[c];
                }
            }
        }
        return out;
    }

    private static double[][] transposeTimes(RatingTable y, double[][] x, int n, int l) {
        double[][] out = new double[n][l];
        for (int u = 0; u < y.numUsers(); u++) {
            int[] it = y.itemsOf(u);
            float[] r = y.ratingsOf(u);
            double[] xr = x[u];
            for (int p = 0; p < it.length; p++) {
                double[] row = out[it[p]];
                for (int c = 0; c < l; c++) {
                    row[c] += r[p] * xr[c];
                }
            }
        }
        return out;
    }

    private static double[][] orthonormal(double[][] a) {
        QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(a, false));
        RealMatrix q = qr.getQ();
        int l = a[0].length;
        return q.getSubMatrix(0, a.length - 1, 0, l - 1).getData();
    }
}
