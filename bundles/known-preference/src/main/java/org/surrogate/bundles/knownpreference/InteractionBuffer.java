package org.surrogate.bundles.knownpreference;

import java.util.Arrays;
import org.surrogate.api.data.DatasetBuilder;

/**
 * The interactions sampled for a block of consecutive users, on growable primitive arrays, so that
 * worker threads can sample blocks in parallel and one thread adds them to the dataset in user order.
 * Not thread-safe: one worker fills it, then hands it over.
 */
final class InteractionBuffer {

    private final int firstUser;
    private final int[] counts;
    private int[] items;
    private float[] values;
    private long[] times;
    private int size;
    private int usersCutShort;

    /**
     * Creates an empty buffer.
     *
     * @param firstUser the first user of the block
     * @param users     the number of users of the block
     * @param capacity  the expected number of interactions
     */
    InteractionBuffer(int firstUser, int users, int capacity) {
        this.firstUser = firstUser;
        this.counts = new int[users];
        int c = Math.max(16, capacity);
        this.items = new int[c];
        this.values = new float[c];
        this.times = new long[c];
    }

    /**
     * Adds an interaction of a user of the block.
     *
     * @param user  the user, in the block
     * @param item  the item
     * @param value the value
     * @param time  the timestamp
     */
    void add(int user, int item, float value, long time) {
        if (size == items.length) {
            int n = size + (size >> 1) + 16;
            items = Arrays.copyOf(items, n);
            values = Arrays.copyOf(values, n);
            times = Arrays.copyOf(times, n);
        }
        items[size] = item;
        values[size] = value;
        times[size] = time;
        size++;
        counts[user - firstUser]++;
    }

    /** Counts a user who stopped before reaching the target number of choices. */
    void cutShort() {
        usersCutShort++;
    }

    /**
     * The number of users of this block who stopped short of their target.
     *
     * @return the count
     */
    int usersCutShort() {
        return usersCutShort;
    }

    /**
     * The number of interactions.
     *
     * @return the count
     */
    int size() {
        return size;
    }

    /**
     * Adds every interaction to a dataset builder, users in order.
     *
     * @param builder a builder with dense ids
     */
    void appendTo(DatasetBuilder builder) {
        int k = 0;
        for (int u = 0; u < counts.length; u++) {
            int user = firstUser + u;
            for (int end = k + counts[u]; k < end; k++) {
                builder.add(user, items[k], values[k], times[k]);
            }
        }
    }
}
