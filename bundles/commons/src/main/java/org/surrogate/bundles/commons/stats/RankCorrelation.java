package org.surrogate.bundles.commons.stats;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Rank correlation between two orderings of the same algorithms, given as one score per algorithm on
 * each side (say the mean NDCG@10 of every algorithm on real data and on synthetic data): the survey's
 * central question, "do the algorithms come out in the same order?".
 *
 * <pre>{@code
 * double[] real = {0.31, 0.28, 0.12, 0.05};      // algorithms A, B, C, D on real data
 * double[] synthetic = {0.40, 0.41, 0.20, 0.02}; // the same algorithms on synthetic data
 * double tau = RankCorrelation.kendallTauB(real, synthetic); // (5 - 1) / 6 = 0.667
 * }</pre>
 *
 * Both statistics come from commons-math3 and handle ties: Kendall's tau-b
 * {@code (C - D) / sqrt((n0 - n1)(n0 - n2))}, with C and D the concordant and discordant pairs,
 * {@code n0 = n(n-1)/2} and n1, n2 the pairs tied in the first and in the second vector; Spearman's rho
 * is the Pearson correlation of the ranks, tied values getting the average of their ranks. When either
 * vector is constant (every algorithm scored the same) the correlation is undefined and both methods
 * return {@code NaN}.
 */
public final class RankCorrelation {

    /** The rank correlation statistics, for code that lets people choose one. */
    public enum Method {
        /** Kendall's tau-b. */
        KENDALL_TAU_B("kendall"),
        /** Spearman's rho with average ranks for ties. */
        SPEARMAN("spearman");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /**
         * The short lower-case name used in metric names and parameters: "kendall" or "spearman".
         *
         * @return the label
         */
        public String label() {
            return label;
        }

        /**
         * Computes this correlation.
         *
         * @param a one score per algorithm, first ordering
         * @param b the scores of the same algorithms, second ordering
         * @return the correlation in [-1, 1], or NaN if either vector is constant
         * @throws IllegalArgumentException as {@link RankCorrelation#kendallTauB} does
         */
        public double apply(double[] a, double[] b) {
            return this == KENDALL_TAU_B ? kendallTauB(a, b) : spearman(a, b);
        }

        /**
         * Finds a method by its label, ignoring case.
         *
         * @param label "kendall" or "spearman"
         * @return the method
         * @throws IllegalArgumentException naming the accepted labels
         */
        public static Method fromLabel(String label) {
            for (Method m : values()) {
                if (m.label.equalsIgnoreCase(label)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("rank correlation method must be 'kendall' or 'spearman', found '"
                    + label + "'");
        }
    }

    private RankCorrelation() {
    }

    /**
     * Kendall's tau-b between two score vectors over the same algorithms (commons-math3
     * {@link KendallsCorrelation}).
     *
     * @param a one score per algorithm, first ordering
     * @param b the scores of the same algorithms in the same order, second ordering
     * @return tau-b in [-1, 1]; {@code NaN} if either vector is constant, where tau-b is undefined
     * @throws IllegalArgumentException if an array is null, the lengths differ, there are fewer than
     *                                  2 algorithms, or a score is NaN or infinite
     */
    public static double kendallTauB(double[] a, double[] b) {
        check("kendallTauB", a, b);
        if (Checks.isConstant(a) || Checks.isConstant(b)) {
            return Double.NaN;
        }
        return new KendallsCorrelation().correlation(a, b);
    }

    /**
     * Spearman's rank correlation between two score vectors over the same algorithms, ties given
     * their average rank (commons-math3 {@link SpearmansCorrelation}).
     *
     * @param a one score per algorithm, first ordering
     * @param b the scores of the same algorithms in the same order, second ordering
     * @return rho in [-1, 1]; {@code NaN} if either vector is constant, where rho is undefined
     * @throws IllegalArgumentException as {@link #kendallTauB}
     */
    public static double spearman(double[] a, double[] b) {
        check("spearman", a, b);
        if (Checks.isConstant(a) || Checks.isConstant(b)) {
            return Double.NaN;
        }
        return new SpearmansCorrelation().correlation(a, b);
    }

    private static void check(String method, double[] a, double[] b) {
        Checks.sameLengthFinite(method, a, b, "one score per algorithm");
        Checks.minLength(method, a, "a", 2, "algorithms");
    }
}
