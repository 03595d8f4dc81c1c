package org.surrogate.bundles.privacy;

/**
 * The two probabilities of randomized response on one binary cell: a 1 is reported as 1 with probability
 * {@code keep} (p), a 0 is reported as 1 with probability {@code flip} (q).
 *
 * <p>The mechanism is epsilon-LDP for the cell when the likelihood ratios of both outputs are within
 * {@code e^epsilon}: {@code p / q <= e^epsilon} and {@code (1 - q) / (1 - p) <= e^epsilon} (with q &lt; p the
 * reverse ratios are below 1). For a given p, the smallest flip probability that satisfies both, hence the
 * sparsest output, is {@code q = max(p e^-epsilon, 1 - (1 - p) e^epsilon)}; {@link #asymmetric} takes it.
 * {@link #symmetric} is Warner's randomized response, {@code p = e^epsilon / (1 + e^epsilon)},
 * {@code q = 1 - p}; with {@code p = 1/2}, {@code q = e^-epsilon / 2} is the optimized unary encoding of
 * Wang et al. (USENIX Security 2017), which suits sparse rows.
 *
 * @param keep the probability p that a 1 stays 1, in (0, 1]
 * @param flip the probability q that a 0 becomes 1, in [0, p]
 */
record ResponseProbabilities(double keep, double flip) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if they are not probabilities with flip &lt;= keep
     */
    ResponseProbabilities {
        if (!(keep > 0 && keep <= 1 && flip >= 0 && flip <= keep)) {
            throw new IllegalArgumentException("randomized response needs 0 <= flip <= keep <= 1 and keep > 0, found keep "
                    + keep + " and flip " + flip);
        }
    }

    /**
     * The sparsest epsilon-LDP response for a given keep probability.
     *
     * @param keep    p, in (0, 1)
     * @param epsilon the budget, &gt; 0
     * @return p and the smallest admissible q
     */
    static ResponseProbabilities asymmetric(double keep, double epsilon) {
        double e = Math.exp(epsilon);
        double flip = Math.max(keep / e, 1 - (1 - keep) * e);
        return new ResponseProbabilities(keep, Math.max(0, flip));
    }

    /**
     * Warner's symmetric randomized response.
     *
     * @param epsilon the budget, &gt; 0
     * @return {@code p = e^epsilon / (1 + e^epsilon)}, {@code q = 1 - p}
     */
    static ResponseProbabilities symmetric(double epsilon) {
        double flip = 1 / (1 + Math.exp(epsilon));
        return new ResponseProbabilities(1 - flip, flip);
    }

    /**
     * The epsilon these probabilities achieve per cell: the log of the largest likelihood ratio.
     *
     * @return {@code max(ln(p / q), ln((1 - q) / (1 - p)))}, Infinity when q = 0 or p = 1
     */
    double epsilon() {
        return Math.max(Math.log(keep / flip), Math.log((1 - flip) / (1 - keep)));
    }
}
