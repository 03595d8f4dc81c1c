package org.surrogate.bundles.commons.stats;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.surrogate.api.data.Dataset;

/**
 * The top singular values of a dataset's user x item interaction matrix, without densifying it:
 * randomized subspace iteration on the compressed rows.
 *
 * <p>The matrix X has a row per user and a column per item; entry {@code (u, i)} is the number of
 * interactions of u with i ({@link Entries#BINARY}: 1 for datasets without duplicate pairs) or the sum of
 * their values ({@link Entries#VALUES}). With {@code l = min(k + max(k, 10), users, items)}:
 * <ol>
 * <li>{@code Q = orth(X G)} for a Gaussian {@code items x l} matrix G drawn from the given generator;</li>
 * <li>repeat: {@code P = orth(X^T Q)} with {@code X^T Q = P R}; the singular values of the small
 *     {@code l x l} R (commons-math3 SVD) are the current estimates; stop when none of the top k moved by
 *     more than {@value #TOLERANCE} times the largest since the last step, or after
 *     {@value #MAX_ITERATIONS} steps; else {@code Q = orth(X P)}.</li>
 * </ol>
 * Both products run over the by-user rows ({@code X^T Q} scatters into item rows), so the by-item view
 * is not built. Cost per step: about {@code 4 l} flops per interaction and {@code (users + items) l^2} for the
 * orthonormalisation; memory {@code (users + items) l} doubles. The estimates grow towards the true values
 * from below; the error of {@code s_k} shrinks each step by about {@code (s_(l+1) / s_k)^2}.
 */
public final class SingularValues {

    /** Default number of singular values. */
    public static final int DEFAULT_K = 10;

    /** Convergence: the largest change of a top-k estimate in one step, relative to the largest value. */
    static final double TOLERANCE = 1e-10;

    /** The most subspace iteration steps. */
    static final int MAX_ITERATIONS = 300;

    /** What the matrix entries are. */
    public enum Entries {
        /** Each interaction counts 1. */
        BINARY("binary"),
        /** Each interaction counts its value (rating). */
        VALUES("values");

        private final String label;

        Entries(String label) {
            this.label = label;
        }

        /**
         * The lower-case name, as in parameters: "binary" or "values".
         *
         * @return the label
         */
        public String label() {
            return label;
        }

        /**
         * Finds entries by label.
         *
         * @param label "binary" or "values"
         * @return the constant
         * @throws IllegalArgumentException naming the accepted labels
         */
        public static Entries fromLabel(String label) {
            for (Entries e : values()) {
                if (e.label.equals(label)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("matrix entries must be 'binary' or 'values', found '" + label + "'");
        }
    }

    private SingularValues() {
    }

    /**
     * The top singular values.
     *
     * @param data    the dataset
     * @param k       how many, at least 1; fewer come back when the matrix has fewer rows or columns
     * @param entries what the entries are
     * @param rng     the seeded generator of the random start
     * @return {@code min(k, users, items)} values in decreasing order
     * @throws IllegalArgumentException if k is below 1 or an argument is null
     */
    public static double[] top(Dataset data, int k, Entries entries, RandomGenerator rng) {
        return top(data, k, entries, rng, () -> { });
    }

    /**
     * The top singular values, calling {@code checkpoint} at every step so long runs can report progress
     * or be cancelled (a checkpoint may throw).
     *
     * @param data       the dataset
     * @param k          how many, at least 1
     * @param entries    what the entries are
     * @param rng        the seeded generator of the random start
     * @param checkpoint called once per iteration step
     * @return {@code min(k, users, items)} values in decreasing order
     * @throws IllegalArgumentException if k is below 1 or an argument is null
     */
    public static double[] top(Dataset data, int k, Entries entries, RandomGenerator rng, Runnable checkpoint) {
        Checks.notNull("singularValues", data, "data");
        Checks.notNull("singularValues", entries, "entries");
        Checks.notNull("singularValues", rng, "rng");
        Checks.notNull("singularValues", checkpoint, "checkpoint");
        if (k < 1) {
            throw new IllegalArgumentException("singularValues: k must be at least 1, found " + k);
        }
        int m = data.numUsers();
        int n = data.numItems();
        int kk = Math.min(k, Math.min(m, n));
        if (kk == 0) {
            return new double[0];
        }
        int l = Math.min(k + Math.max(k, 10), Math.min(m, n));
        boolean binary = entries == Entries.BINARY;
        double[] g = new double[n * l];
        for (int i = 0; i < g.length; i++) {
            g[i] = rng.nextGaussian();
        }
        double[] y = new double[m * l];
        multiply(data, binary, g, y, l);
        double[][] q = Orthonormal.toColumns(y, m, l);
        Orthonormal.thinQr(q);
        double[] prev = null;
        for (int step = 1; ; step++) {
            checkpoint.run();
            Orthonormal.toRowMajor(q, y);
            Arrays.fill(g, 0);
            multiplyTransposed(data, binary, y, g, l);
            double[][] p = Orthonormal.toColumns(g, n, l);
            double[][] r = Orthonormal.thinQr(p);
            double[] sv = Arrays.copyOf(new SingularValueDecomposition(new Array2DRowRealMatrix(r, false))
                    .getSingularValues(), kk);
            if (step == MAX_ITERATIONS || (prev != null && converged(prev, sv))) {
                return sv;
            }
            prev = sv;
            Orthonormal.toRowMajor(p, g);
            Arrays.fill(y, 0);
            multiply(data, binary, g, y, l);
            q = Orthonormal.toColumns(y, m, l);
            Orthonormal.thinQr(q);
        }
    }

    private static boolean converged(double[] prev, double[] sv) {
        double scale = Math.max(sv[0], Double.MIN_NORMAL);
        for (int i = 0; i < sv.length; i++) {
            if (Math.abs(sv[i] - prev[i]) > TOLERANCE * scale) {
                return false;
            }
        }
        return true;
    }

    /** {@code out (users x l) += X v (v: items x l)}, row-major. */
    static void multiply(Dataset data, boolean binary, double[] v, double[] out, int l) {
        for (int u = 0; u < data.numUsers(); u++) {
            int ub = u * l;
            for (int idx = data.begin(u); idx < data.end(u); idx++) {
                double w = binary ? 1 : data.value(idx);
                int ib = data.item(idx) * l;
                for (int c = 0; c < l; c++) {
                    out[ub + c] += w * v[ib + c];
                }
            }
        }
    }

    /** {@code out (items x l) += X^T y (y: users x l)}, row-major. */
    static void multiplyTransposed(Dataset data, boolean binary, double[] y, double[] out, int l) {
        for (int u = 0; u < data.numUsers(); u++) {
            int ub = u * l;
            for (int idx = data.begin(u); idx < data.end(u); idx++) {
                double w = binary ? 1 : data.value(idx);
                int ib = data.item(idx) * l;
                for (int c = 0; c < l; c++) {
                    out[ib + c] += w * y[ub + c];
                }
            }
        }
    }

    /**
     * The Frobenius norm {@code sqrt(sum of squared entries)} of the matrix, the entries defined as for
     * {@link #top} (duplicate pairs summed first); it is also {@code sqrt(sum of all squared singular
     * values)}.
     *
     * @param data    the dataset
     * @param entries what the entries are
     * @return the norm, 0 for a dataset without interactions
     */
    public static double frobeniusNorm(Dataset data, Entries entries) {
        Checks.notNull("frobeniusNorm", data, "data");
        Checks.notNull("frobeniusNorm", entries, "entries");
        double[] acc = new double[data.numItems()];
        int[] stamp = new int[data.numItems()];
        int[] touched = new int[data.numItems()];
        double sum = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            int t = 0;
            for (int idx = data.begin(u); idx < data.end(u); idx++) {
                int i = data.item(idx);
                if (stamp[i] != u + 1) {
                    stamp[i] = u + 1;
                    touched[t++] = i;
                }
                acc[i] += entries == Entries.BINARY ? 1 : data.value(idx);
            }
            for (int j = 0; j < t; j++) {
                sum += acc[touched[j]] * acc[touched[j]];
                acc[touched[j]] = 0;
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Compares two spectra after normalising each by its matrix's Frobenius norm (so datasets of
     * different size and scale compare): with {@code r_i = s_i / ||X||_F} (reference) and
     * {@code c_i = t_i / ||Y||_F} (compared), the mean over {@code i < min(s.length, t.length)} of
     * {@code |c_i - r_i| / r_i}, leaving out terms where {@code r_i <= 1e-12} (singular values of a
     * rank-deficient reference). 0 for equal normalised spectra.
     *
     * @param reference     the reference singular values s, decreasing
     * @param referenceNorm the reference's Frobenius norm, &gt; 0
     * @param other         the compared singular values t, decreasing
     * @param otherNorm     the compared matrix's Frobenius norm, &gt; 0
     * @return the mean relative difference, &gt;= 0; NaN when no term is left
     * @throws IllegalArgumentException if a norm is not positive or a value is not finite
     */
    public static double normalizedRelativeError(double[] reference, double referenceNorm, double[] other,
                                                 double otherNorm) {
        Checks.notNull("normalizedRelativeError", reference, "reference");
        Checks.notNull("normalizedRelativeError", other, "other");
        Checks.finite("normalizedRelativeError", reference, "reference");
        Checks.finite("normalizedRelativeError", other, "other");
        if (!(referenceNorm > 0) || !(otherNorm > 0) || Double.isInfinite(referenceNorm)
                || Double.isInfinite(otherNorm)) {
            throw new IllegalArgumentException("normalizedRelativeError: norms must be positive and finite, found "
                    + referenceNorm + " and " + otherNorm);
        }
        int k = Math.min(reference.length, other.length);
        double sum = 0;
        int terms = 0;
        for (int i = 0; i < k; i++) {
            double r = reference[i] / referenceNorm;
            if (r > 1e-12) {
                sum += Math.abs(other[i] / otherNorm - r) / r;
                terms++;
            }
        }
        return terms == 0 ? Double.NaN : sum / terms;
    }
}
