package org.surrogate.bundles.neighborhood;

/**
 * Argument checks shared by the models of this bundle, with messages naming the plugin, the value
 * and the accepted range.
 */
final class Checks {

    private Checks() {
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

    /**
     * The number of worker threads to use: the available processors.
     *
     * @return at least 1
     */
    static int threads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
