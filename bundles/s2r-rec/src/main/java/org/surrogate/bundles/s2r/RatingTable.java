package org.surrogate.bundles.s2r;

import java.util.Arrays;
import java.util.List;

/**
 * The ratings of one domain (one genre): users by local item index, each user's items sorted.
 */
final class RatingTable {

    private final String name;
    private final int numItems;
    private final int[][] items;
    private final float[][] ratings;
    private final String[] userIds;
    private final String[] itemIds;

    /**
     * A table.
     *
     * @param name    what it is, for messages
     * @param numItems number of local items
     * @param items   per user, item indices (any order; sorted here)
     * @param ratings per user, the ratings parallel to items
     * @param userIds external user ids
     * @param itemIds external item ids
     */
    RatingTable(String name, int numItems, int[][] items, float[][] ratings, String[] userIds, String[] itemIds) {
        if (items.length != ratings.length || items.length != userIds.length || itemIds.length != numItems) {
            throw new IllegalArgumentException(name + ": inconsistent table sizes");
        }
        this.name = name;
        this.numItems = numItems;
        this.items = new int[items.length][];
        this.ratings = new float[items.length][];
        for (int u = 0; u < items.length; u++) {
            Integer[] order = new Integer[items[u].length];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            final int user = u;
            Arrays.sort(order, (a, b) -> Integer.compare(items[user][a], items[user][b]));
            this.items[u] = new int[order.length];
            this.ratings[u] = new float[order.length];
            for (int k = 0; k < order.length; k++) {
                int it = items[u][order[k]];
                if (it < 0 || it >= numItems) {
                    throw new IllegalArgumentException(name + ": item " + it + " out of range [0, " + numItems + ")");
                }
                this.items[u][k] = it;
                this.ratings[u][k] = ratings[u][order[k]];
            }
        }
        this.userIds = userIds.clone();
        this.itemIds = itemIds.clone();
    }

    String name() {
        return name;
    }

    int numUsers() {
        return items.length;
    }

    int numItems() {
        return numItems;
    }

    int[] itemsOf(int user) {
        return items[user];
    }

    float[] ratingsOf(int user) {
        return ratings[user];
    }

    String userId(int user) {
        return userIds[user];
    }

    String itemId(int item) {
        return itemIds[item];
    }

    /** The rating, or NaN if the user did not rate the item. */
    float rating(int user, int item) {
        int k = Arrays.binarySearch(items[user], item);
        return k >= 0 ? ratings[user][k] : Float.NaN;
    }

    /** Number of ratings above the threshold of the rules. */
    int relevantCount(int user, SessionRules rules) {
        int n = 0;
        for (float r : ratings[user]) {
            if (rules.relevant(r)) {
                n++;
            }
        }
        return n;
    }

    /** Total number of ratings. */
    long size() {
        long n = 0;
        for (int[] row : items) {
            n += row.length;
        }
        return n;
    }

    /** The rows of the given users as a new table (same items). */
    RatingTable subset(String subsetName, List<Integer> users) {
        int[][] it = new int[users.size()][];
        float[][] ra = new float[users.size()][];
        String[] ids = new String[users.size()];
        for (int k = 0; k < users.size(); k++) {
            it[k] = items[users.get(k)];
            ra[k] = ratings[users.get(k)];
            ids[k] = userIds[users.get(k)];
        }
        return new RatingTable(subsetName, numItems, it, ra, ids, itemIds);
    }
}
