package org.surrogate.bundles.commons.data;

import java.util.Objects;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;

/**
 * Filters that remove interactions, users and items from a dataset: the implicit threshold, minimum
 * counts and the k-core (see {@link FilterOptions} for what each does and their order).
 *
 * <p>All steps work on a mask over the interactions, with the dataset's by-user and by-item views on
 * primitive arrays; the result is built once at the end. It keeps the original user and item ids, the
 * values (unless binarized) and the timestamps, and numbers what is left densely again, users and items
 * each in their previous relative order; each user's interactions keep their order. Users and items
 * without interactions are gone from the result. When the result would equal the input, or the options
 * turn every step off, the input itself is returned.
 *
 * <pre>{@code
 * Dataset core = DatasetFilters.kCore(data, 10);
 * String original = core.userId(0);   // the id in the file
 * }</pre>
 */
public final class DatasetFilters {

    private DatasetFilters() {
    }

    /**
     * Applies every step the options turn on, in the order of {@link FilterOptions}.
     *
     * @param data    the dataset
     * @param options what to remove
     * @return the filtered dataset, with the same name; the input itself if nothing changes
     */
    public static Dataset apply(Dataset data, FilterOptions options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        if (options.isNone()) {
            return data;
        }
        boolean[] alive = new boolean[data.size()];
        boolean changed = threshold(data, options.implicitThreshold(), alive);
        if (options.minUserInteractions() > 0 || options.minItemInteractions() > 0) {
            changed |= minCounts(data, alive, options.minUserInteractions(), options.minItemInteractions());
        }
        if (options.kCore() > 0) {
            changed |= new CorePeeling(data, alive, options.kCore(), options.kCore()).run();
        }
        if (!changed && !hasEmpty(data)) {
            return data;
        }
        return rebuild(data, alive, options.implicit());
    }

    /**
     * Turns ratings into implicit feedback: keeps the interactions whose value is at least the
     * threshold, with value 1.
     *
     * @param data      the dataset
     * @param threshold the smallest value kept, not NaN
     * @return the filtered dataset
     * @throws IllegalArgumentException if the threshold is NaN
     */
    public static Dataset implicit(Dataset data, double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("implicit threshold must be a number, found NaN");
        }
        return apply(data, new FilterOptions(threshold, 0, 0, 0));
    }

    /**
     * Drops, in one pass, the users with fewer than {@code minPerUser} interactions and the items with
     * fewer than {@code minPerItem}, both counted on the input.
     *
     * @param data       the dataset
     * @param minPerUser the fewest interactions a user keeps, 0 for no minimum
     * @param minPerItem the fewest interactions an item keeps, 0 for no minimum
     * @return the filtered dataset
     * @throws IllegalArgumentException if a minimum is negative
     */
    public static Dataset minInteractions(Dataset data, int minPerUser, int minPerItem) {
        return apply(data, new FilterOptions(Double.NaN, minPerUser, minPerItem, 0));
    }

    /**
     * The k-core: drops users and items with fewer than k interactions until every user and item left
     * has at least k. Runs in time linear in the number of interactions.
     *
     * @param data the dataset
     * @param k    the k, 0 for none
     * @return the k-core, possibly empty
     * @throws IllegalArgumentException if k is negative
     */
    public static Dataset kCore(Dataset data, int k) {
        return apply(data, FilterOptions.kCoreOnly(k));
    }

    /** Whether a user or an item has no interactions (a rebuild would drop it). */
    private static boolean hasEmpty(Dataset data) {
        for (int u = 0; u < data.numUsers(); u++) {
            if (data.degree(u) == 0) {
                return true;
            }
        }
        for (int count : data.itemCounts()) {
            if (count == 0) {
                return true;
            }
        }
        return false;
    }

    /** Marks the interactions at or above the threshold alive (all when it is NaN); true if any change. */
    private static boolean threshold(Dataset data, double threshold, boolean[] alive) {
        boolean changed = false;
        for (int i = 0; i < alive.length; i++) {
            float v = data.value(i);
            alive[i] = Double.isNaN(threshold) || v >= threshold;
            changed |= !alive[i] || (!Double.isNaN(threshold) && v != 1f);
        }
        return changed;
    }

    /** Kills the live interactions of users and items below their minimum counts; true if any died. */
    private static boolean minCounts(Dataset data, boolean[] alive, int minPerUser, int minPerItem) {
        int[] userCount = new int[data.numUsers()];
        int[] itemCount = new int[data.numItems()];
        countAlive(data, alive, userCount, itemCount);
        boolean changed = false;
        for (int u = 0; u < data.numUsers(); u++) {
            boolean userKept = userCount[u] >= minPerUser;
            for (int i = data.begin(u); i < data.end(u); i++) {
                if (alive[i] && !(userKept && itemCount[data.item(i)] >= minPerItem)) {
                    alive[i] = false;
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** Counts the live interactions of every user and item into the given arrays. */
    static void countAlive(Dataset data, boolean[] alive, int[] userCount, int[] itemCount) {
        for (int u = 0; u < data.numUsers(); u++) {
            for (int i = data.begin(u); i < data.end(u); i++) {
                if (alive[i]) {
                    userCount[u]++;
                    itemCount[data.item(i)]++;
                }
            }
        }
    }

    /** Builds the dataset of the live interactions, re-indexed, with value 1 when binarizing. */
    private static Dataset rebuild(Dataset data, boolean[] alive, boolean binarize) {
        int[] newUser = new int[data.numUsers()];
        int[] newItem = new int[data.numItems()];
        for (int u = 0; u < data.numUsers(); u++) {
            for (int i = data.begin(u); i < data.end(u); i++) {
                if (alive[i]) {
                    newUser[u] = 1;
                    newItem[data.item(i)] = 1;
                }
            }
        }
        int[] keptUsers = renumber(newUser);
        int[] keptItems = renumber(newItem);
        if (keptUsers.length == 0) {
            return Dataset.builder(data.name(), 0, 0).build();
        }
        DatasetBuilder b = Dataset.builderLike(data.name(), idCarrier(data, keptUsers, keptItems));
        boolean timed = data.hasTimestamps();
        for (int u = 0; u < data.numUsers(); u++) {
            for (int i = data.begin(u); i < data.end(u); i++) {
                if (alive[i]) {
                    float value = binarize ? 1f : data.value(i);
                    if (timed) {
                        b.add(newUser[u], newItem[data.item(i)], value, data.timestamp(i));
                    } else {
                        b.add(newUser[u], newItem[data.item(i)], value);
                    }
                }
            }
        }
        return b.build();
    }

    /**
     * Turns marks (1 = kept, 0 = gone) into new dense ids in the old order, -1 for the gone; returns
     * the old ids of the kept, in order.
     */
    private static int[] renumber(int[] marks) {
        int n = 0;
        for (int m : marks) {
            n += m;
        }
        int[] kept = new int[n];
        int next = 0;
        for (int old = 0; old < marks.length; old++) {
            if (marks[old] == 1) {
                kept[next] = old;
                marks[old] = next++;
            } else {
                marks[old] = -1;
            }
        }
        return kept;
    }

    /**
     * A small dataset whose id spaces are the kept users and items, each numbered in its old order, for
     * {@link Dataset#builderLike}: the public API names ids only by first appearance, so it pairs the
     * k-th kept user with the k-th kept item (the last one of the shorter list repeats), which makes
     * both lists appear in order. It has timestamps exactly when the data has.
     */
    private static Dataset idCarrier(Dataset data, int[] keptUsers, int[] keptItems) {
        DatasetBuilder ids = Dataset.builder(data.name());
        int n = Math.max(keptUsers.length, keptItems.length);
        for (int k = 0; k < n; k++) {
            String user = data.userId(keptUsers[Math.min(k, keptUsers.length - 1)]);
            String item = data.itemId(keptItems[Math.min(k, keptItems.length - 1)]);
            if (data.hasTimestamps()) {
                ids.add(user, item, 0f, 0L);
            } else {
                ids.add(user, item, 0f);
            }
        }
        return ids.build();
    }
}
