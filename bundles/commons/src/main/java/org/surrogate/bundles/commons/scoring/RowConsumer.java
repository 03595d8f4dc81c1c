package org.surrogate.bundles.commons.scoring;

/**
 * Receives the ranked rows of one worker thread of a {@link RankingEngine}.
 *
 * <p>The engine asks its consumer factory for one consumer per worker thread, so a consumer may keep
 * scratch arrays without locking. Consumers of different threads run at once: they must write only
 * to the slot of their row ({@link RankedRow#slot()}) in shared arrays, which also makes the results
 * independent of the number of threads.
 */
@FunctionalInterface
public interface RowConsumer {

    /**
     * Uses one ranked row.
     *
     * @param row the row; valid only during this call
     */
    void accept(RankedRow row);
}
