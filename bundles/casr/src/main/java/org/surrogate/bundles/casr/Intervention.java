package org.surrogate.bundles.casr;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.surrogate.api.data.Dataset;

/**
 * The training samples a sampler intervenes on (Algorithm 1, lines 5-6): for each chosen user, the
 * user's training sequence cut to the sampler's {@code maxLength} history items plus the next item;
 * the intervention index d counts from the end of the history (-1 is its last item, {@code t^l}).
 *
 * @param users     the users, in the (seeded) order they are processed
 * @param histories their histories {@code t^1 .. t^l}
 * @param nexts     their next items {@code t^{l+1}}
 * @param positions the replaced step {@code l + d} (0-based) of each history
 */
record Intervention(int[] users, int[][] histories, int[] nexts, int[] positions) {

    /**
     * Chooses the samples.
     *
     * @param train     the training data, each user's items in sequence order
     * @param index     d, negative: the step counted from the end of the history
     * @param fraction  the share of users (in random order) to intervene on, in (0, 1]
     * @param maxLength the longest history the sampler reads
     * @param rng       the order of the users
     * @return the samples: users whose history has at least {@code -index} items
     */
    static Intervention choose(Dataset train, int index, double fraction, int maxLength, Random rng) {
        int n = train.numUsers();
        int[] order = new int[n];
        for (int u = 0; u < n; u++) {
            order[u] = u;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int wanted = (int) Math.ceil(fraction * n);
        List<Integer> users = new ArrayList<>();
        List<int[]> histories = new ArrayList<>();
        List<Integer> nexts = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int k = 0; k < wanted; k++) {
            int u = order[k];
            int len = train.degree(u);
            int historyLength = Math.min(len - 1, maxLength);
            if (historyLength < -index) {
                continue;
            }
            int end = train.end(u);
            int[] h = new int[historyLength];
            for (int i = 0; i < historyLength; i++) {
                h[i] = train.item(end - 1 - historyLength + i);
            }
            users.add(u);
            histories.add(h);
            nexts.add(train.item(end - 1));
            positions.add(historyLength + index);
        }
        return new Intervention(users.stream().mapToInt(Integer::intValue).toArray(),
                histories.toArray(new int[0][]), nexts.stream().mapToInt(Integer::intValue).toArray(),
                positions.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The number of samples.
     *
     * @return the count
     */
    int size() {
        return users.length;
    }
}
