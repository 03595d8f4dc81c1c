package org.surrogate.bundles.commons.data;

import org.surrogate.api.data.Dataset;

/**
 * Peels users below a minimum and items below a minimum of live interactions until none is left (the
 * k-core when both minimums are k). Each removed user or item is queued once; removing it kills its
 * live interactions, which lowers the counts of the other side and may queue more. Every interaction
 * dies at most once, so the work is linear in the number of interactions. Use once.
 */
final class CorePeeling {

    private final Dataset data;
    private final boolean[] alive;
    private final int minPerUser;
    private final int minPerItem;
    private final int numUsers;
    private final int[] userCount;
    private final int[] itemCount;
    private final boolean[] userGone;
    private final boolean[] itemGone;
    /** Users are queued as u, items as numUsers + j. */
    private final int[] queue;
    private int tail;
    private boolean changed;

    /**
     * Prepares the peeling.
     *
     * @param data       the dataset
     * @param alive      the live interactions; updated in place
     * @param minPerUser the fewest live interactions a user keeps
     * @param minPerItem the fewest live interactions an item keeps
     */
    CorePeeling(Dataset data, boolean[] alive, int minPerUser, int minPerItem) {
        this.data = data;
        this.alive = alive;
        this.minPerUser = minPerUser;
        this.minPerItem = minPerItem;
        this.numUsers = data.numUsers();
        this.userCount = new int[numUsers];
        this.itemCount = new int[data.numItems()];
        this.userGone = new boolean[numUsers];
        this.itemGone = new boolean[data.numItems()];
        this.queue = new int[numUsers + data.numItems()];
    }

    /**
     * Peels to the fixed point.
     *
     * @return true if any interaction died
     */
    boolean run() {
        DatasetFilters.countAlive(data, alive, userCount, itemCount);
        for (int u = 0; u < numUsers; u++) {
            if (userCount[u] < minPerUser) {
                userGone[u] = true;
                queue[tail++] = u;
            }
        }
        for (int j = 0; j < itemCount.length; j++) {
            if (itemCount[j] < minPerItem) {
                itemGone[j] = true;
                queue[tail++] = numUsers + j;
            }
        }
        for (int head = 0; head < tail; head++) {
            int node = queue[head];
            if (node < numUsers) {
                removeUser(node);
            } else {
                removeItem(node - numUsers);
            }
        }
        return changed;
    }

    private void removeUser(int u) {
        for (int i = data.begin(u); i < data.end(u); i++) {
            if (alive[i]) {
                alive[i] = false;
                changed = true;
                int j = data.item(i);
                if (!itemGone[j] && --itemCount[j] < minPerItem) {
                    itemGone[j] = true;
                    queue[tail++] = numUsers + j;
                }
            }
        }
    }

    private void removeItem(int j) {
        for (int p = data.itemBegin(j); p < data.itemEnd(j); p++) {
            int i = data.itemIndex(p);
            if (alive[i]) {
                alive[i] = false;
                changed = true;
                int u = data.itemUser(p);
                if (!userGone[u] && --userCount[u] < minPerUser) {
                    userGone[u] = true;
                    queue[tail++] = u;
                }
            }
        }
    }
}
