package org.surrogate.bundles.commons.scoring;

/**
 * What one {@link RankingEngine#run} did and where its time went.
 *
 * @param users       the users ranked
 * @param numItems    the items scored per user
 * @param threads     the worker threads used
 * @param batchRows   the users scored per model call (the last batch may be smaller)
 * @param batches     the number of batches
 * @param freeHeap    the free heap in bytes when the batch size was chosen
 * @param scoreNanos  time spent in the model's scoring, summed over the worker threads
 * @param rankNanos   time spent excluding, selecting the top items and in the row consumer, summed
 *                    over the worker threads
 * @param wallNanos   elapsed time of the run
 */
public record RankingStats(int users, int numItems, int threads, int batchRows, int batches, long freeHeap,
                           long scoreNanos, long rankNanos, long wallNanos) {

    /**
     * Checks the counts.
     *
     * @throws IllegalArgumentException if a count or a time is negative
     */
    public RankingStats {
        if (users < 0 || numItems < 0 || threads < 0 || batchRows < 0 || batches < 0 || scoreNanos < 0
                || rankNanos < 0 || wallNanos < 0) {
            throw new IllegalArgumentException("ranking stats must not be negative, found users " + users
                    + ", items " + numItems + ", threads " + threads + ", batchRows " + batchRows + ", batches "
                    + batches + ", scoreNanos " + scoreNanos + ", rankNanos " + rankNanos + ", wallNanos "
                    + wallNanos);
        }
    }

    /**
     * The share of worker time spent scoring, in [0, 1]; 0 when nothing was timed.
     *
     * @return scoreNanos / (scoreNanos + rankNanos)
     */
    public double scoreShare() {
        long total = scoreNanos + rankNanos;
        return total == 0 ? 0 : (double) scoreNanos / total;
    }
}
