package org.surrogate.bundles.sequential;

import java.util.Arrays;
import org.surrogate.api.data.Dataset;

/**
 * The users' item sequences of a dataset, oldest first, and the argument checks shared by the
 * models of this bundle (messages name the plugin, the value and the accepted range).
 */
final class Sequences {

    /** The help text of the {@code order} parameter every recommender of this bundle has. */
    static final String ORDER_HELP = "'time' needs timestamps and uses each user's time order; 'position' uses "
            + "the stored order of each user's interactions (insertion order when there are no timestamps).";

    private Sequences() {
    }

    /**
     * Checks the dataset can give sequences in the order asked for.
     *
     * @param pluginId the plugin
     * @param data     the training data
     * @param order    the value of parameter {@code order}: "time" or "position"
     * @throws IllegalArgumentException if order is "time" and the dataset has no timestamps
     */
    static void requireOrder(String pluginId, Dataset data, String order) {
        if ("time".equals(order) && !data.hasTimestamps()) {
            throw new IllegalArgumentException(pluginId + ": dataset '" + data.name() + "' has no timestamps; "
                    + "sequences need an order (set order to 'position' to use the stored order)");
        }
    }

    /**
     * Each user's last {@code maxLength} items, oldest first (empty for users without interactions).
     *
     * @param data      the data, each user's interactions in sequence order
     * @param maxLength the longest suffix kept, at least 1
     * @return one array per user
     */
    static int[][] suffixes(Dataset data, int maxLength) {
        int[][] out = new int[data.numUsers()][];
        for (int u = 0; u < out.length; u++) {
            int from = Math.max(data.begin(u), data.end(u) - maxLength);
            out[u] = new int[data.end(u) - from];
            for (int k = from; k < data.end(u); k++) {
                out[u][k - from] = data.item(k);
            }
        }
        return out;
    }

    /**
     * The last {@code maxLength} items of a history, checking every item is in the catalogue.
     *
     * @param pluginId  the plugin
     * @param history   the history, oldest first
     * @param maxLength the longest suffix kept
     * @param numItems  the number of items
     * @return the suffix (the array itself when it is short enough)
     * @throws IndexOutOfBoundsException if an item is not in [0, numItems)
     */
    static int[] suffix(String pluginId, int[] history, int maxLength, int numItems) {
        int[] s = history.length <= maxLength ? history
                : Arrays.copyOfRange(history, history.length - maxLength, history.length);
        for (int item : s) {
            item(pluginId, item, numItems);
        }
        return s;
    }

    /**
     * Checks an output array can hold {@code rows} rows of scores.
     *
     * @param pluginId the plugin
     * @param out      the output array
     * @param rows     the number of rows
     * @param numItems the number of items per row
     * @throws IllegalArgumentException if it is too short
     */
    static void outputLength(String pluginId, float[] out, int rows, int numItems) {
        long needed = (long) rows * numItems;
        if (out.length < needed) {
            throw new IllegalArgumentException("recommender '" + pluginId + "': out holds " + out.length
                    + " scores, needs " + needed + " (" + rows + " rows x " + numItems + " items)");
        }
    }

    /**
     * Checks a user id is of the training data.
     *
     * @param pluginId the plugin
     * @param user     the user id
     * @param numUsers the number of training users
     * @throws IndexOutOfBoundsException if it is not in [0, numUsers)
     */
    static void user(String pluginId, int user, int numUsers) {
        if (user < 0 || user >= numUsers) {
            throw new IndexOutOfBoundsException("recommender '" + pluginId + "': user " + user
                    + " is not in the training data, expected [0, " + numUsers + ")");
        }
    }

    /**
     * Checks an item id of a history.
     *
     * @param pluginId the plugin
     * @param item     the item id
     * @param numItems the number of items
     * @throws IndexOutOfBoundsException if it is not in [0, numItems)
     */
    static void item(String pluginId, int item, int numItems) {
        if (item < 0 || item >= numItems) {
            throw new IndexOutOfBoundsException("recommender '" + pluginId + "': item " + item
                    + " of a history is not in the catalogue, expected [0, " + numItems + ")");
        }
    }
}
