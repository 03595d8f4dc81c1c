package org.surrogate.bundles.commons.stats;

/**
 * How the item co-occurrence similarities of two datasets agree, on a list of items; made by
 * {@link CooccurrenceSimilarity#compare}.
 *
 * @param items                  the items compared (dense ids), most popular in the reference first
 * @param reference              the reference's cosine of every pair, upper triangle in row order
 *                               ({@code (0,1), (0,2), ..., (0,N-1), (1,2), ...} over positions in {@code items})
 * @param other                  the compared dataset's cosines, in the same order
 * @param meanAbsoluteDifference the mean over the pairs of {@code |reference - other|}, in [0, 1]
 * @param pearson                the Pearson correlation of the two cosine vectors, in [-1, 1]; NaN when
 *                               either is constant or there are fewer than 2 pairs
 */
public record CooccurrenceComparison(int[] items, double[] reference, double[] other,
                                     double meanAbsoluteDifference, double pearson) {

    /**
     * Checks the arrays align: N items give N(N-1)/2 pairs.
     *
     * @throws IllegalArgumentException if an array is null or the lengths disagree
     */
    public CooccurrenceComparison {
        if (items == null || reference == null || other == null) {
            throw new IllegalArgumentException("co-occurrence comparison arrays must not be null");
        }
        long pairs = (long) items.length * (items.length - 1) / 2;
        if (reference.length != pairs || other.length != pairs) {
            throw new IllegalArgumentException("co-occurrence comparison of " + items.length + " items needs "
                    + pairs + " pairs, found " + reference.length + " and " + other.length);
        }
    }

    /**
     * The number of item pairs compared, {@code N(N-1)/2}.
     *
     * @return the count
     */
    public int pairs() {
        return reference.length;
    }
}
