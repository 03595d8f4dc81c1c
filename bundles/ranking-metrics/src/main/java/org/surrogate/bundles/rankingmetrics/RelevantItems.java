package org.surrogate.bundles.rankingmetrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.surrogate.api.data.Dataset;

/**
 * The relevant items of every user that has some: the distinct items of the user's test
 * interactions that are not among the user's excluded items (train items, or fold-in items in
 * strong generalization), in increasing user id, each user's items in test order.
 */
final class RelevantItems {

    private final int[] users;
    private final int[][] items;
    private final int usersWithTestItems;

    private RelevantItems(int[] users, int[][] items, int usersWithTestItems) {
        this.users = users;
        this.items = items;
        this.usersWithTestItems = usersWithTestItems;
    }

    /**
     * Collects the relevant items of every user.
     *
     * @param seen the excluded items by user (they are not relevant: they are never ranked)
     * @param test the held-out data, in the same id space
     * @return the users with at least one relevant item and their items
     */
    static RelevantItems of(Dataset seen, Dataset test) {
        // stamp[item] == u + 1 marks an item already seen for user u, without clearing between users.
        int[] seenStamp = new int[seen.numItems()];
        int[] takenStamp = new int[seen.numItems()];
        List<Integer> users = new ArrayList<>();
        List<int[]> items = new ArrayList<>();
        int withTest = 0;
        int[] buffer = new int[16];
        for (int u = 0; u < test.numUsers(); u++) {
            if (test.degree(u) == 0) {
                continue;
            }
            withTest++;
            for (int i = seen.begin(u); i < seen.end(u); i++) {
                seenStamp[seen.item(i)] = u + 1;
            }
            int count = 0;
            for (int i = test.begin(u); i < test.end(u); i++) {
                int item = test.item(i);
                if (seenStamp[item] != u + 1 && takenStamp[item] != u + 1) {
                    takenStamp[item] = u + 1;
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
        return new RelevantItems(users.stream().mapToInt(Integer::intValue).toArray(), items.toArray(new int[0][]),
                withTest);
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
     * The number of users with at least one test interaction, relevant or not.
     *
     * @return the count
     */
    int usersWithTestItems() {
        return usersWithTestItems;
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
