package org.surrogate.bundles.holdoutprotocol;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;

/**
 * A random per-user split of a dataset into training and test interactions that share the
 * dataset's user and item id spaces.
 *
 * @param train the interactions kept for training, named "name/train"
 * @param test  the held-out interactions, named "name/test"
 */
record HoldoutSplit(Dataset train, Dataset test) {

    /**
     * Checks both parts are present and share their id spaces.
     *
     * @throws IllegalArgumentException if they differ in users or items
     */
    HoldoutSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (train.numUsers() != test.numUsers() || train.numItems() != test.numItems()) {
            throw new IllegalArgumentException("train and test must share their id spaces, found " + train + " and "
                    + test);
        }
    }

    /**
     * Splits each user's interactions at random: a user with {@code d >= 2} interactions gets
     * {@code min(d - 1, round(fraction * d))} of them, chosen uniformly, in the test set (so at least
     * one stays in training); users with fewer than 2 interactions keep all of them in training.
     * Values and timestamps are kept.
     *
     * @param data     the dataset
     * @param fraction the fraction to hold out, in (0, 1)
     * @param rng      the random source
     * @return the split
     */
    static HoldoutSplit of(Dataset data, double fraction, Random rng) {
        DatasetBuilder train = Dataset.builder(data.name() + "/train", data.numUsers(), data.numItems());
        DatasetBuilder test = Dataset.builder(data.name() + "/test", data.numUsers(), data.numItems());
        boolean[] held = new boolean[0];
        int[] order = new int[0];
        for (int u = 0; u < data.numUsers(); u++) {
            int d = data.degree(u);
            int heldOut = d < 2 ? 0 : (int) Math.min(d - 1, Math.round(fraction * d));
            if (held.length < d) {
                held = new boolean[d];
                order = new int[d];
            }
            Arrays.fill(held, 0, d, false);
            for (int k = 0; k < d; k++) {
                order[k] = k;
            }
            // A partial Fisher-Yates shuffle: its first heldOut positions are a uniform sample.
            for (int k = 0; k < heldOut; k++) {
                int j = k + rng.nextInt(d - k);
                int t = order[k];
                order[k] = order[j];
                order[j] = t;
                held[order[k]] = true;
            }
            for (int k = 0; k < d; k++) {
                int i = data.begin(u) + k;
                DatasetBuilder target = held[k] ? test : train;
                if (data.hasTimestamps()) {
                    target.add(u, data.item(i), data.value(i), data.timestamp(i));
                } else {
                    target.add(u, data.item(i), data.value(i));
                }
            }
        }
        return new HoldoutSplit(train.build(), test.build());
    }
}
