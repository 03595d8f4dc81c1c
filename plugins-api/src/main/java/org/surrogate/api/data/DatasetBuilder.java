package org.surrogate.api.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Collects interactions and builds an immutable {@link Dataset}. Made by {@link Dataset#builder};
 * not thread-safe; use once.
 *
 * <p>Either every interaction has a timestamp or none has. Several interactions of the same user
 * and item are handled by the {@link #duplicates(DuplicatePolicy) duplicate policy}, by default all
 * kept.
 */
public final class DatasetBuilder {

    private static final long NO_TIME = Long.MIN_VALUE;

    private final String name;
    private final boolean dense;
    private int numUsers;
    private int numItems;
    private final Map<String, Integer> userIndex;
    private final Map<String, Integer> itemIndex;
    private String[] userIds = new String[16];
    private String[] itemIds = new String[16];
    private int[] users = new int[1024];
    private int[] items = new int[1024];
    private float[] values = new float[1024];
    private long[] times = new long[1024];
    private int size;
    private Boolean timed;
    private boolean built;
    private DuplicatePolicy duplicates = DuplicatePolicy.KEEP_ALL;
    private String[] sharedUserIds;
    private String[] sharedItemIds;

    DatasetBuilder(String name, int numUsers, int numItems) {
        this.name = name;
        this.dense = numUsers >= 0;
        this.numUsers = Math.max(0, numUsers);
        this.numItems = Math.max(0, numItems);
        this.userIndex = dense ? null : new HashMap<>();
        this.itemIndex = dense ? null : new HashMap<>();
    }

    /** Shares the original ids (and timestamp expectation) of a source dataset; see Dataset.builderLike. */
    DatasetBuilder sharing(String[] userIds, String[] itemIds, boolean timestamps) {
        this.sharedUserIds = userIds;
        this.sharedItemIds = itemIds;
        this.timed = timestamps;
        return this;
    }

    /**
     * Sets what {@link #build()} does with several interactions of the same user and item.
     *
     * @param policy the policy
     * @return this builder
     */
    public DatasetBuilder duplicates(DuplicatePolicy policy) {
        this.duplicates = java.util.Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Adds an interaction without timestamp by original ids.
     *
     * @param user  the user's original id
     * @param item  the item's original id
     * @param value the value
     * @return this builder
     */
    public DatasetBuilder add(String user, String item, float value) {
        return add(user, item, value, NO_TIME);
    }

    /**
     * Adds an interaction by original ids.
     *
     * @param user      the user's original id
     * @param item      the item's original id
     * @param value     the value
     * @param timestamp the timestamp
     * @return this builder
     * @throws IllegalStateException if the builder uses dense ids, or timestamps are mixed with none
     */
    public DatasetBuilder add(String user, String item, float value, long timestamp) {
        if (dense) {
            throw new IllegalStateException("dataset '" + name + "' was started with dense ids; add int ids");
        }
        int u = userIndex.computeIfAbsent(user, k -> newUser(k));
        int i = itemIndex.computeIfAbsent(item, k -> newItem(k));
        append(u, i, value, timestamp);
        return this;
    }

    /**
     * Adds an interaction without timestamp by dense ids.
     *
     * @param user  the user, below numUsers
     * @param item  the item, below numItems
     * @param value the value
     * @return this builder
     */
    public DatasetBuilder add(int user, int item, float value) {
        return add(user, item, value, NO_TIME);
    }

    /**
     * Adds an interaction by dense ids.
     *
     * @param user      the user, below numUsers
     * @param item      the item, below numItems
     * @param value     the value
     * @param timestamp the timestamp
     * @return this builder
     * @throws IllegalStateException if the builder uses original ids
     * @throws IndexOutOfBoundsException if an id is out of range
     */
    public DatasetBuilder add(int user, int item, float value, long timestamp) {
        if (!dense) {
            throw new IllegalStateException("dataset '" + name + "' was started with original ids; add strings");
        }
        if (user < 0 || user >= numUsers || item < 0 || item >= numItems) {
            throw new IndexOutOfBoundsException("dataset '" + name + "': interaction (" + user + ", " + item
                    + ") outside " + numUsers + " users x " + numItems + " items");
        }
        append(user, item, value, timestamp);
        return this;
    }

    /**
     * The number of interactions added so far.
     *
     * @return the count
     */
    public int size() {
        return size;
    }

    private int newUser(String id) {
        if (numUsers == userIds.length) {
            userIds = Arrays.copyOf(userIds, userIds.length * 2);
        }
        userIds[numUsers] = id;
        return numUsers++;
    }

    private int newItem(String id) {
        if (numItems == itemIds.length) {
            itemIds = Arrays.copyOf(itemIds, itemIds.length * 2);
        }
        itemIds[numItems] = id;
        return numItems++;
    }

    private void append(int u, int i, float v, long t) {
        if (built) {
            throw new IllegalStateException("dataset '" + name + "' was already built");
        }
        boolean hasTime = t != NO_TIME;
        if (timed == null) {
            timed = hasTime;
        } else if (timed != hasTime && size == 0) {
            throw new IllegalStateException("dataset '" + name + "' shares the id spaces of a dataset "
                    + (timed ? "with" : "without") + " timestamps, but its first interaction has "
                    + (hasTime ? "one" : "none"));
        } else if (timed != hasTime) {
            throw new IllegalStateException("dataset '" + name + "': interaction " + (size + 1)
                    + (hasTime ? " has a timestamp but earlier ones do not" : " has no timestamp but earlier ones do"));
        }
        if (size == users.length) {
            int n = size + (size >> 1);
            users = Arrays.copyOf(users, n);
            items = Arrays.copyOf(items, n);
            values = Arrays.copyOf(values, n);
            if (hasTime) {
                times = Arrays.copyOf(times, n);
            }
        }
        users[size] = u;
        items[size] = i;
        values[size] = v;
        if (hasTime) {
            times[size] = t;
        }
        size++;
    }

    /**
     * Applies the duplicate policy to one user's interactions {@code order[from..to)}: moves the ones
     * kept to the front and returns how many there are; for SUM, writes the sum into the kept one.
     */
    private int collapseDuplicates(int[] order, int[] tmp, int from, int to, int user) {
        int[] it = items;
        long[] t = Boolean.TRUE.equals(timed) ? times : null;
        // Stable: among equal items and times, insertion order (= position in order) decides.
        IndexSort.sort(order, tmp, from, to, (a, b) -> {
            if (it[a] != it[b]) {
                return Integer.compare(it[a], it[b]);
            }
            if (t != null && t[a] != t[b]) {
                return Long.compare(t[a], t[b]);
            }
            return Integer.compare(a, b);
        });
        int out = from;
        int k = from;
        while (k < to) {
            int end = k + 1;
            float sum = values[order[k]];
            while (end < to && it[order[end]] == it[order[k]]) {
                if (duplicates == DuplicatePolicy.ERROR) {
                    int a = Math.min(order[k], order[end]);
                    int b = Math.max(order[k], order[end]);
                    throw new IllegalArgumentException("dataset '" + name + "': user '" + userLabel(user)
                            + "' has item '" + itemLabel(it[order[k]]) + "' twice (interactions " + (a + 1)
                            + " and " + (b + 1) + "); choose a duplicate policy: keep last, sum or keep all");
                }
                sum += values[order[end]];
                end++;
            }
            int last = order[end - 1];
            if (duplicates == DuplicatePolicy.SUM) {
                values[last] = sum;
            }
            order[out++] = last;
            k = end;
        }
        return out - from;
    }

    private String userLabel(int u) {
        return dense ? (sharedUserIds == null ? Integer.toString(u) : sharedUserIds[u]) : userIds[u];
    }

    private String itemLabel(int i) {
        return dense ? (sharedItemIds == null ? Integer.toString(i) : sharedItemIds[i]) : itemIds[i];
    }

    /**
     * Builds the dataset: applies the duplicate policy, then sorts interactions by user, then
     * timestamp, then item (stable).
     *
     * @return the dataset
     */
    public Dataset build() {
        if (built) {
            throw new IllegalStateException("dataset '" + name + "' was already built");
        }
        built = true;
        boolean hasTime = Boolean.TRUE.equals(timed);
        int[] offsets = new int[numUsers + 1];
        for (int k = 0; k < size; k++) {
            offsets[users[k] + 1]++;
        }
        for (int u = 0; u < numUsers; u++) {
            offsets[u + 1] += offsets[u];
        }
        int[] order = new int[size];
        int[] next = Arrays.copyOf(offsets, numUsers);
        for (int k = 0; k < size; k++) {
            order[next[users[k]]++] = k;
        }
        long[] t = hasTime ? times : null;
        int[] it = items;
        int[] tmp = new int[size];
        // Without timestamps, the order interactions were added in is the sequence order.
        IndexSort.IntComparator byTimeThenItem = t == null ? Integer::compare : (a, b) -> {
            if (t[a] != t[b]) {
                return Long.compare(t[a], t[b]);
            }
            return Integer.compare(it[a], it[b]);
        };
        int kept = 0;
        for (int u = 0; u < numUsers; u++) {
            int from = offsets[u];
            int to = offsets[u + 1];
            offsets[u] = kept;
            if (duplicates != DuplicatePolicy.KEEP_ALL) {
                to = from + collapseDuplicates(order, tmp, from, to, u);
            }
            IndexSort.sort(order, tmp, from, to, byTimeThenItem);
            System.arraycopy(order, from, order, kept, to - from);
            kept += to - from;
        }
        offsets[numUsers] = kept;
        int[] outItems = new int[kept];
        float[] outValues = new float[kept];
        long[] outTimes = hasTime ? new long[kept] : null;
        for (int k = 0; k < kept; k++) {
            int src = order[k];
            outItems[k] = items[src];
            outValues[k] = values[src];
            if (hasTime) {
                outTimes[k] = times[src];
            }
        }
        users = null;
        items = null;
        values = null;
        times = null;
        String[] uIds = dense ? sharedUserIds : Arrays.copyOf(userIds, numUsers);
        String[] iIds = dense ? sharedItemIds : Arrays.copyOf(itemIds, numItems);
        return new Dataset(name, numUsers, numItems, offsets, outItems, outValues, outTimes, uIds, iIds);
    }
}
