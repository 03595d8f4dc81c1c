package org.surrogate.bundles.recsimu;

import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;

/**
 * A tiny world with a known choice model, for tests: items belong to {@code clusters} clusters
 * (item i to cluster i mod clusters); each user browses items of two clusters, one liked and one
 * disliked, in equal shares, and gives positive feedback (value 5) with probability {@code pLike} to a
 * liked-cluster item and {@code pDislike} to the other (value 1 otherwise). The user's taste shows in
 * the history only through the items and their feedback, so a simulator must read the state.
 */
final class ClusterWorld {

    final int clusters;
    final int[] liked;
    final int[] disliked;
    final double pLike;
    final double pDislike;
    final Dataset data;

    ClusterWorld(int users, int items, int clusters, int length, double pLike, double pDislike, long seed) {
        this.clusters = clusters;
        this.pLike = pLike;
        this.pDislike = pDislike;
        this.liked = new int[users];
        this.disliked = new int[users];
        Random rng = new Random(seed);
        DatasetBuilder b = Dataset.builder("cluster-world", users, items);
        int perCluster = items / clusters;
        for (int u = 0; u < users; u++) {
            liked[u] = rng.nextInt(clusters);
            disliked[u] = (liked[u] + 1 + rng.nextInt(clusters - 1)) % clusters;
            for (int t = 0; t < length; t++) {
                boolean like = rng.nextBoolean();
                int cluster = like ? liked[u] : disliked[u];
                int item = cluster + clusters * rng.nextInt(perCluster);
                boolean positive = rng.nextDouble() < (like ? pLike : pDislike);
                b.add(u, item, positive ? 5f : 1f, 1000L * t);
            }
        }
        this.data = b.build();
    }

    /** The true probability of positive feedback of a user to an item. */
    double truth(int user, int item) {
        return item % clusters == liked[user] ? pLike : pDislike;
    }
}
