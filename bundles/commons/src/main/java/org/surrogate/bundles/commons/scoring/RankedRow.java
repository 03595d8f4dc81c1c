package org.surrogate.bundles.commons.scoring;

import java.util.Arrays;

/**
 * One user's scored and ranked row, as {@link RankingEngine} hands it to a {@link RowConsumer}: the
 * scores of every item (excluded items set to {@code -Infinity}), which items were excluded, and the
 * top items best first.
 *
 * <p>Each worker thread reuses one instance for all its rows: a consumer reads it during
 * {@link RowConsumer#accept(RankedRow)} and keeps nothing of it (copy what it needs).
 */
public final class RankedRow {

    private static final int[] NONE = new int[0];

    private final int numItems;
    /** excludedStamp[item] == stamp marks an item excluded for the current row, without clearing. */
    private final int[] excludedStamp;
    private int stamp;
    private int numExcluded;
    private int slot;
    private int user;
    private float[] scores;
    private int offset;
    private int[] top = NONE;

    /**
     * Creates an empty row for a catalogue.
     *
     * @param numItems the number of items of every row
     */
    RankedRow(int numItems) {
        this.numItems = numItems;
        this.excludedStamp = new int[numItems];
    }

    /** Starts the next row: a new user, its scores at {@code scores[offset..offset+numItems)}. */
    void reset(int slot, int user, float[] scores, int offset) {
        this.slot = slot;
        this.user = user;
        this.scores = scores;
        this.offset = offset;
        this.numExcluded = 0;
        this.top = NONE;
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(excludedStamp, 0);
            stamp = 1;
        }
    }

    /** Excludes an item: its score becomes -Infinity. Repeated items count once. */
    void exclude(int item) {
        if (excludedStamp[item] != stamp) {
            excludedStamp[item] = stamp;
            numExcluded++;
        }
        scores[offset + item] = Float.NEGATIVE_INFINITY;
    }

    void top(int[] selected) {
        this.top = selected;
    }

    /**
     * The position of this row's user in the array of users given to {@link RankingEngine#run}: the
     * slot to write the user's values into.
     *
     * @return the slot
     */
    public int slot() {
        return slot;
    }

    /**
     * The dense id of this row's user.
     *
     * @return the user id
     */
    public int user() {
        return user;
    }

    /**
     * The number of items of the row.
     *
     * @return the count
     */
    public int numItems() {
        return numItems;
    }

    /**
     * The score of an item; {@code -Infinity} for excluded items.
     *
     * @param item the dense item id
     * @return the score
     */
    public float score(int item) {
        return scores[offset + item];
    }

    /**
     * The array holding the scores, for loops over the whole row: item {@code i} is at
     * {@code scores()[offset() + i]}. Do not change it.
     *
     * @return the backing array
     */
    public float[] scores() {
        return scores;
    }

    /**
     * Where this row starts in {@link #scores()}.
     *
     * @return the offset
     */
    public int offset() {
        return offset;
    }

    /**
     * Whether an item was excluded from this user's ranking (a seen item).
     *
     * @param item the dense item id
     * @return true if excluded
     */
    public boolean isExcluded(int item) {
        return excludedStamp[item] == stamp;
    }

    /**
     * The number of distinct excluded items.
     *
     * @return the count
     */
    public int numExcluded() {
        return numExcluded;
    }

    /**
     * The top items, best first (ties to the lower item id; excluded, {@code -Infinity} and NaN scores
     * never appear), at most the engine's {@code topK}. Do not change it.
     *
     * @return the item ids
     */
    public int[] top() {
        return top;
    }
}
