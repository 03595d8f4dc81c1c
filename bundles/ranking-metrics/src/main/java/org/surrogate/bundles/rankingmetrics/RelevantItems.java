package org.surrogate.bundles.rankingmetrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.surrogate.api.data.Dataset;

/**
 * The relevant items of every user that has some: the distinct items of the user's test
 * interactions that are not among their training items, in increasing user id.
 */
final class RelevantItems {

    private final int[] users;
    private final int[][] items;

    private RelevantItems(int[] users, int[][] items) {
        this.users = users;
        this.items = items;
    }

    /**
     * Collects the relevant items of every user.
     *
     * @param train the training data (its items are not relevant)
     * @param test  the held-out data, in the same id space
     * @return the users with at least one relevant item and their items
     */
    static RelevantItems of(Dataset train, Dataset test) {
        // stamp[item] == u + 1 marks an item already seen for user u, without clearing between users.
        int[] trainStamp = new int[train.numItems()];
        int[] seenStamp = new int[train.numItems()];
        List<Integer> users = new ArrayList<>();
        List<int[]> items = new ArrayList<>();
        int[] buffer = new int[16];
        for (int u = 0; u < test.numUsers(); u++) {
            if (test.degree(u) == 0) {
                continue;
            }
            for (int i = train.begin(u); i < train.end(u); i++) {
                trainStamp[train.item(i)] = u + 1;
            }
            int count = 0;
            for (int i = test.begin(u); i < test.end(u); i++) {
                int item = test.item(i);
                if (trainStamp[item] != u + 1 && seenStamp[item] != u + 1) {
                    seenStamp[item] = u + 1;
                    if (count == buffer.length) {
                        buffer = Arrays.copyOf(buffer, 2 * count);
                    }
                    buffer[count++] = item;
                }
            }
            if (count > 0) {
                users.add(u);
                items.add(Arrays.copyOf(buffer, count));
            }
        }
        return new RelevantItems(users.stream().mapToInt(Integer::intValue).toArray(), items.toArray(new int[0][]));
    }

    /**
     * The users with relevant items, increasing.
     *
     * @return the user ids; do not change
     */
    int[] users() {
        return users;
    }

    /**
     * The relevant items of the k-th user of {@link #users()}.
     *
     * @param k the position in {@link #users()}
     * @return the distinct relevant items; do not change
     */
    int[] of(int k) {
        return items[k];
    }
}
