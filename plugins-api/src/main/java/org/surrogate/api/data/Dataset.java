package org.surrogate.api.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable set of user-item interactions with dense integer ids.
 *
 * <p>Users are {@code 0..numUsers()-1} and items {@code 0..numItems()-1}; the original ids are kept
 * ({@link #userId(int)}, {@link #itemId(int)}). Interactions are stored in compressed sparse row form
 * by user, on primitive arrays, each user's interactions ordered by timestamp and then item (in the
 * order they were added when there are no timestamps), so the
 * interactions of user {@code u} are the indices {@code begin(u) <= i < end(u)} and are also the
 * user's time-ordered sequence:
 * <pre>{@code
 * for (int u = 0; u < data.numUsers(); u++) {
 *     for (int i = data.begin(u); i < data.end(u); i++) {
 *         use(u, data.item(i), data.value(i));
 *     }
 * }
 * }</pre>
 * Build one with {@link #builder(String)} (original ids) or {@link #builder(String, int, int)} (dense
 * ids). A dataset records a content {@link #checksum() checksum} for provenance.
 *
 * <p>The same interactions are also reachable by item ({@link #itemBegin(int)},
 * {@link #itemUser(int)}, {@link #itemIndex(int)}), a view built on first use. Memory: 16 bytes an
 * interaction with timestamps (12 without), plus 8 once the item view is built.
 */
public final class Dataset {

    private final String name;
    private final int numUsers;
    private final int numItems;
    private final int[] offsets;
    private final int[] items;
    private final float[] values;
    private final long[] timestamps;
    private final String[] userIds;
    private final String[] itemIds;
    private volatile String checksum;
    private volatile ItemView itemView;

    /** The interactions by item: for item i, entries itemOffsets[i]..itemOffsets[i+1]. */
    private record ItemView(int[] offsets, int[] users, int[] indices) {
    }

    Dataset(String name, int numUsers, int numItems, int[] offsets, int[] items, float[] values,
            long[] timestamps, String[] userIds, String[] itemIds) {
        this.name = Objects.requireNonNull(name, "name");
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.offsets = offsets;
        this.items = items;
        this.values = values;
        this.timestamps = timestamps;
        this.userIds = userIds;
        this.itemIds = itemIds;
    }

    /**
     * Starts a dataset whose users and items are named by original ids, numbered densely in the order
     * they first appear.
     *
     * @param name a name for people and provenance, such as "ml-100k"
     * @return a builder
     */
    public static DatasetBuilder builder(String name) {
        return new DatasetBuilder(name, -1, -1);
    }

    /**
     * Starts a dataset with the id spaces of another: the same numbers of users and items, the same
     * original ids, and timestamps exactly when the source has them (even if no interaction is
     * added). For splits, filters and perturbations of a dataset.
     *
     * @param name   the new dataset's name
     * @param source the dataset whose id spaces to share
     * @return a builder taking dense ids of the source
     */
    public static DatasetBuilder builderLike(String name, Dataset source) {
        return new DatasetBuilder(name, source.numUsers, source.numItems).sharing(source.userIds, source.itemIds,
                source.timestamps != null);
    }

    /**
     * Starts a dataset with dense ids already assigned (generators). Original ids are the numbers.
     *
     * @param name     a name
     * @param numUsers the number of users; every id added must be below it
     * @param numItems the number of items
     * @return a builder
     */
    public static DatasetBuilder builder(String name, int numUsers, int numItems) {
        if (numUsers < 0 || numItems < 0) {
            throw new IllegalArgumentException("numUsers and numItems must be >= 0, found " + numUsers + ", "
                    + numItems);
        }
        return new DatasetBuilder(name, numUsers, numItems);
    }

    /**
     * The dataset's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The number of users, including users without interactions.
     *
     * @return the count
     */
    public int numUsers() {
        return numUsers;
    }

    /**
     * The number of items, including items without interactions.
     *
     * @return the count
     */
    public int numItems() {
        return numItems;
    }

    /**
     * The number of interactions.
     *
     * @return the count
     */
    public int size() {
        return items.length;
    }

    /**
     * Index of the first interaction of a user.
     *
     * @param user the dense user id
     * @return the index
     */
    public int begin(int user) {
        return offsets[user];
    }

    /**
     * Index after the last interaction of a user.
     *
     * @param user the dense user id
     * @return the index
     */
    public int end(int user) {
        return offsets[user + 1];
    }

    /**
     * The number of interactions of a user.
     *
     * @param user the dense user id
     * @return the count
     */
    public int degree(int user) {
        return offsets[user + 1] - offsets[user];
    }

    /**
     * The item of an interaction.
     *
     * @param index the interaction index
     * @return the dense item id
     */
    public int item(int index) {
        return items[index];
    }

    /**
     * The value of an interaction (a rating, a count, or 1 for implicit feedback).
     *
     * @param index the interaction index
     * @return the value
     */
    public float value(int index) {
        return values[index];
    }

    /**
     * Whether interactions carry timestamps.
     *
     * @return true if they do
     */
    public boolean hasTimestamps() {
        return timestamps != null;
    }

    /**
     * The timestamp of an interaction, in the unit of the source (usually seconds since the epoch).
     *
     * @param index the interaction index
     * @return the timestamp
     * @throws IllegalStateException if the dataset has no timestamps
     */
    public long timestamp(int index) {
        if (timestamps == null) {
            throw new IllegalStateException("dataset '" + name + "' has no timestamps");
        }
        return timestamps[index];
    }

    /**
     * The items of a user, in time order, as a new array.
     *
     * @param user the dense user id
     * @return a copy of the user's items
     */
    public int[] itemsOf(int user) {
        return Arrays.copyOfRange(items, offsets[user], offsets[user + 1]);
    }

    /**
     * The number of interactions of every item (its popularity), as a new array.
     *
     * @return counts indexed by item
     */
    public int[] itemCounts() {
        int[] counts = new int[numItems];
        for (int item : items) {
            counts[item]++;
        }
        return counts;
    }

    /**
     * Position of the first entry of an item in the by-item view.
     *
     * @param item the dense item id
     * @return the position, for {@link #itemUser(int)} and {@link #itemIndex(int)}
     */
    public int itemBegin(int item) {
        return itemView().offsets()[item];
    }

    /**
     * Position after the last entry of an item in the by-item view.
     *
     * @param item the dense item id
     * @return the position
     */
    public int itemEnd(int item) {
        return itemView().offsets()[item + 1];
    }

    /**
     * The number of interactions of an item.
     *
     * @param item the dense item id
     * @return the count
     */
    public int itemDegree(int item) {
        int[] o = itemView().offsets();
        return o[item + 1] - o[item];
    }

    /**
     * The user of an entry of the by-item view; entries of an item are in increasing user order.
     *
     * @param position a position in [itemBegin(i), itemEnd(i))
     * @return the dense user id
     */
    public int itemUser(int position) {
        return itemView().users()[position];
    }

    /**
     * The interaction index of an entry of the by-item view, for {@link #value(int)} and
     * {@link #timestamp(int)}.
     *
     * @param position a position in [itemBegin(i), itemEnd(i))
     * @return the interaction index
     */
    public int itemIndex(int position) {
        return itemView().indices()[position];
    }

    private ItemView itemView() {
        ItemView v = itemView;
        if (v == null) {
            synchronized (this) {
                v = itemView;
                if (v == null) {
                    v = buildItemView();
                    itemView = v;
                }
            }
        }
        return v;
    }

    private ItemView buildItemView() {
        int[] off = new int[numItems + 1];
        for (int item : items) {
            off[item + 1]++;
        }
        for (int i = 0; i < numItems; i++) {
            off[i + 1] += off[i];
        }
        int[] next = Arrays.copyOf(off, numItems);
        int[] us = new int[items.length];
        int[] idx = new int[items.length];
        for (int u = 0; u < numUsers; u++) {
            for (int k = offsets[u]; k < offsets[u + 1]; k++) {
                int p = next[items[k]]++;
                us[p] = u;
                idx[p] = k;
            }
        }
        return new ItemView(off, us, idx);
    }

    /**
     * The original id of a user.
     *
     * @param user the dense id
     * @return the original id
     */
    public String userId(int user) {
        Objects.checkIndex(user, numUsers);
        return userIds == null ? Integer.toString(user) : userIds[user];
    }

    /**
     * The original id of an item.
     *
     * @param item the dense id
     * @return the original id
     */
    public String itemId(int item) {
        Objects.checkIndex(item, numItems);
        return itemIds == null ? Integer.toString(item) : itemIds[item];
    }

    /**
     * A SHA-256 over the whole content (sizes, ids, interactions), as lower-case hex; equal
     * datasets have equal checksums. Computed once, on first use.
     *
     * @return the checksum
     */
    public String checksum() {
        String c = checksum;
        if (c == null) {
            c = computeChecksum();
            checksum = c;
        }
        return c;
    }

    private String computeChecksum() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        buf.putInt(numUsers).putInt(numItems).put((byte) (timestamps == null ? 0 : 1));
        for (int u = 0; u < numUsers; u++) {
            if (buf.remaining() < 4) {
                flush(md, buf);
            }
            buf.putInt(offsets[u + 1]);
        }
        for (int i = 0; i < items.length; i++) {
            if (buf.remaining() < 16) {
                flush(md, buf);
            }
            buf.putInt(items[i]).putFloat(values[i]);
            if (timestamps != null) {
                buf.putLong(timestamps[i]);
            }
        }
        flush(md, buf);
        digestIds(md, userIds);
        digestIds(md, itemIds);
        return HexFormat.of().formatHex(md.digest());
    }

    private static void flush(MessageDigest md, ByteBuffer buf) {
        buf.flip();
        md.update(buf);
        buf.clear();
    }

    private static void digestIds(MessageDigest md, String[] ids) {
        if (ids == null) {
            md.update((byte) 0);
            return;
        }
        for (String id : ids) {
            md.update(id.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ": " + numUsers + " users, " + numItems + " items, " + size()
                + " interactions]";
    }
}
