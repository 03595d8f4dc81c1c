package org.surrogate.bundles.knownpreference;

/**
 * Draws indices in proportion to fixed weights in constant time (Walker's alias method, built with
 * Vose's stable construction): one uniform column, then a biased coin between the column and its
 * alias. Once built, drawing only reads it, so a built table is safe from several threads.
 */
final class AliasTable {

    private final double[] probability;
    private final int[] alias;
    private final int[] small;
    private final int[] large;
    private final double[] scaled;

    /**
     * Creates a table for a number of weights; {@link #build} fills it.
     *
     * @param size the number of weights
     */
    AliasTable(int size) {
        probability = new double[size];
        alias = new int[size];
        small = new int[size];
        large = new int[size];
        scaled = new double[size];
    }

    /**
     * Builds a table.
     *
     * @param weights the weights, each finite and at least 0, not all 0
     * @return the table
     * @throws IllegalArgumentException naming the first bad weight, or if all are 0
     */
    static AliasTable of(double[] weights) {
        AliasTable table = new AliasTable(weights.length);
        table.build(weights);
        return table;
    }

    /**
     * Fills the table for new weights, reusing its arrays (a sampler rebuilds one per user). Not
     * thread-safe while building; share a table only once built.
     *
     * @param weights the weights, as many as the table's size, each finite and at least 0, not all 0
     * @throws IllegalArgumentException naming the first bad weight, or if all are 0
     */
    void build(double[] weights) {
        int n = probability.length;
        if (weights.length != n) {
            throw new IllegalArgumentException("alias table: " + weights.length + " weights for a table of " + n);
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("alias table: weight " + i + " must be a finite number >= 0, found "
                        + weights[i]);
            }
            total += weights[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("alias table: the " + n + " weights must not all be 0");
        }
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / total;
            if (scaled[i] < 1) {
                small[ns++] = i;
            } else {
                large[nl++] = i;
            }
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            probability[s] = scaled[s];
            alias[s] = l;
            scaled[l] = (scaled[l] + scaled[s]) - 1;
            if (scaled[l] < 1) {
                small[ns++] = l;
            } else {
                large[nl++] = l;
            }
        }
        // What is left is 1 up to rounding.
        while (nl > 0) {
            int l = large[--nl];
            probability[l] = 1;
            alias[l] = l;
        }
        while (ns > 0) {
            int s = small[--ns];
            probability[s] = 1;
            alias[s] = s;
        }
    }

    /**
     * The number of weights.
     *
     * @return the count
     */
    int size() {
        return probability.length;
    }

    /**
     * Draws an index with probability proportional to its weight.
     *
     * @param rng the generator
     * @return the index
     */
    int draw(SplitMixRandom rng) {
        int column = rng.nextInt(probability.length);
        return rng.nextDouble() < probability[column] ? column : alias[column];
    }
}
