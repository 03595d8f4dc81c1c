package org.surrogate.bundles.recsimu;

import java.util.Arrays;
import org.surrogate.api.data.Dataset;

/**
 * State-action-feedback tuples of the paper's MDP: the state is the last N items before a position of
 * a user's sequence with their feedback types (fewer at the start of a sequence: the state is padded
 * on the left with empty slots, item -1), the action the item at that position, the label its
 * feedback type (-1 when unknown, for prediction). Stored flat: slot {@code t} of tuple {@code k} is
 * {@code items[k * N + t]}, the oldest first, the newest at {@code N - 1}.
 */
final class Tuples {

    final int historyLength;
    final int size;
    final int[] items;
    final int[] feedback;
    final int[] actions;
    final int[] labels;
    final int[] users;

    private Tuples(int historyLength, int size) {
        this.historyLength = historyLength;
        this.size = size;
        this.items = new int[size * historyLength];
        this.feedback = new int[size * historyLength];
        this.actions = new int[size];
        this.labels = new int[size];
        this.users = new int[size];
        Arrays.fill(items, -1);
    }

    /**
     * Every position {@code t >= minHistory} of every user's sequence.
     *
     * @param data          the logs
     * @param types         the feedback type of every interaction
     * @param historyLength N
     * @param minHistory    the fewest earlier items a position needs
     * @return the tuples, by user then position
     */
    static Tuples of(Dataset data, int[] types, int historyLength, int minHistory) {
        int count = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            count += Math.max(0, data.degree(u) - minHistory);
        }
        Tuples out = new Tuples(historyLength, count);
        int k = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            for (int i = data.begin(u) + minHistory; i < data.end(u); i++) {
                out.set(k++, u, data, types, data.begin(u), i);
            }
        }
        return out;
    }

    /**
     * Tuples at chosen positions of a dataset.
     *
     * @param data          the logs
     * @param types         the feedback type of every interaction
     * @param historyLength N
     * @param positions     interaction indices into the dataset
     * @param owners        the user of each position
     * @return the tuples, in the given order
     */
    static Tuples at(Dataset data, int[] types, int historyLength, int[] positions, int[] owners) {
        Tuples out = new Tuples(historyLength, positions.length);
        for (int k = 0; k < positions.length; k++) {
            out.set(k, owners[k], data, types, data.begin(owners[k]), positions[k]);
        }
        return out;
    }

    /**
     * Tuples of given histories (any length; the last N count) and actions, without labels.
     *
     * @param historyLength N
     * @param histories     the items of each history, oldest first
     * @param types         the feedback type of each history item
     * @param actions       the recommended item of each tuple
     * @return the tuples
     */
    static Tuples of(int historyLength, int[][] histories, int[][] types, int[] actions) {
        Tuples out = new Tuples(historyLength, actions.length);
        for (int k = 0; k < actions.length; k++) {
            int len = Math.min(historyLength, histories[k].length);
            int from = histories[k].length - len;
            for (int j = 0; j < len; j++) {
                out.items[k * historyLength + historyLength - len + j] = histories[k][from + j];
                out.feedback[k * historyLength + historyLength - len + j] = types[k][from + j];
            }
            out.actions[k] = actions[k];
            out.labels[k] = -1;
            out.users[k] = -1;
        }
        return out;
    }

    private void set(int k, int user, Dataset data, int[] types, int begin, int position) {
        int len = Math.min(historyLength, position - begin);
        for (int j = 0; j < len; j++) {
            int src = position - len + j;
            items[k * historyLength + historyLength - len + j] = data.item(src);
            feedback[k * historyLength + historyLength - len + j] = types[src];
        }
        actions[k] = data.item(position);
        labels[k] = types[position];
        users[k] = user;
    }

    /**
     * A subset of the tuples.
     *
     * @param rows the tuple indices
     * @return a copy holding those tuples, in order
     */
    Tuples subset(int[] rows) {
        Tuples out = new Tuples(historyLength, rows.length);
        for (int k = 0; k < rows.length; k++) {
            int r = rows[k];
            System.arraycopy(items, r * historyLength, out.items, k * historyLength, historyLength);
            System.arraycopy(feedback, r * historyLength, out.feedback, k * historyLength, historyLength);
            out.actions[k] = actions[r];
            out.labels[k] = labels[r];
            out.users[k] = users[r];
        }
        return out;
    }
}
