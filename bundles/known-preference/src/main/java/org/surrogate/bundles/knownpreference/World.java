package org.surrogate.bundles.knownpreference;

import org.surrogate.api.run.RunContext;

/**
 * A known-preference world: users and items with latent factors around shared cluster centres and
 * items with popularity weights, so that the true preference of every user for every item is known
 * and computed on demand (never stored: a million users by a hundred thousand items is fine).
 *
 * <p>The model, with {@code d = dimension}, {@code sigma = clusterSpread} and {@code s =
 * d^(-1/4) / sqrt(1 + sigma^2)}:
 * <pre>
 *   centre c_k ~ N(0, I_d), k = 1..clusters
 *   user u:  cluster a(u) uniform,  x_u = s * (c_a(u) + sigma * e_u),  e_u ~ N(0, I_d)
 *   item i:  cluster b(i) uniform,  y_i = s * (c_b(i) + sigma * f_i),  f_i ~ N(0, I_d)
 *   popularity weight  w_i = (rank_i)^(-popularitySkew), ranks a random permutation of 1..numItems
 *                      (twin mode: the reference's sorted item counts + 1 instead of the power law)
 *   item bias          b_i = popularityBias * (log w_i - mean_j log w_j)
 *   true preference    pref(u, i) = x_u . y_i + b_i
 * </pre>
 * The scale {@code s} keeps the affinity {@code x_u . y_i} of a user and an item of different
 * clusters at mean 0 and variance about 1 whatever the dimension; for the same cluster its mean is
 * {@code sqrt(d) / (1 + sigma^2)}, and two users of one cluster have preferences correlated by
 * about {@code 1 / (1 + sigma^2)}.
 *
 * <p>Each user's and item's draws come from its own seed (the stream seed of "world/users" or
 * "world/items" mixed with its index), so user {@code u} is the same whatever {@code numUsers}; the
 * centres come from "world/centres" and the popularity ranks from "world/popularity". Immutable after
 * {@link #draw}, so safe from several threads.
 */
final class World {

    private final WorldSettings settings;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final int[] userCluster;
    private final int[] itemCluster;
    private final float[] logWeights;
    private final float[] itemBias;

    private World(WorldSettings settings, float[] userFactors, float[] itemFactors, int[] userCluster,
                  int[] itemCluster, float[] logWeights, float[] itemBias) {
        this.settings = settings;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.userCluster = userCluster;
        this.itemCluster = itemCluster;
        this.logWeights = logWeights;
        this.itemBias = itemBias;
    }

    /**
     * Draws a world.
     *
     * @param settings    the shape
     * @param rankWeights popularity weights by rank (best first, all above 0, {@code numItems} of
     *                    them), or {@code null} for the power law {@code rank^-popularitySkew}
     * @param ctx         the run context: its seed, and cancellation
     * @return the world
     * @throws IllegalArgumentException if the rank weights do not fit the settings
     */
    static World draw(WorldSettings settings, double[] rankWeights, RunContext ctx) {
        int n = settings.numItems();
        if (rankWeights != null && rankWeights.length != n) {
            throw new IllegalArgumentException(settings.owner() + ": " + rankWeights.length
                    + " popularity weights for " + n + " items");
        }
        long seed = ctx.seed();
        int d = settings.dimension();
        double[] centres = new double[settings.clusters() * d];
        SplitMixRandom c = new SplitMixRandom(RunContext.streamSeed(seed, "world/centres"));
        for (int k = 0; k < centres.length; k++) {
            centres[k] = c.nextGaussian();
        }
        int[] itemCluster = new int[n];
        float[] itemFactors = factors(settings, centres, n, RunContext.streamSeed(seed, "world/items"),
                itemCluster, ctx);
        int[] userCluster = new int[settings.numUsers()];
        float[] userFactors = factors(settings, centres, settings.numUsers(),
                RunContext.streamSeed(seed, "world/users"), userCluster, ctx);
        float[] logWeights = logWeights(settings, rankWeights, RunContext.streamSeed(seed, "world/popularity"));
        double mean = 0;
        for (float w : logWeights) {
            mean += w;
        }
        mean /= n;
        float[] bias = new float[n];
        for (int i = 0; i < n; i++) {
            bias[i] = (float) (settings.popularityBias() * (logWeights[i] - mean));
        }
        return new World(settings, userFactors, itemFactors, userCluster, itemCluster, logWeights, bias);
    }

    private static float[] factors(WorldSettings s, double[] centres, int count, long streamSeed, int[] clusters,
                                   RunContext ctx) {
        int d = s.dimension();
        double sigma = s.clusterSpread();
        double scale = Math.pow(d, -0.25) / Math.sqrt(1 + sigma * sigma);
        float[] out = new float[count * d];
        for (int e = 0; e < count; e++) {
            if ((e & 0xFFFF) == 0) {
                ctx.checkCancelled();
            }
            SplitMixRandom rng = new SplitMixRandom(SplitMixRandom.mix(streamSeed, e));
            int k = rng.nextInt(s.clusters());
            clusters[e] = k;
            for (int j = 0; j < d; j++) {
                out[e * d + j] = (float) (scale * (centres[k * d + j] + sigma * rng.nextGaussian()));
            }
        }
        return out;
    }

    private static float[] logWeights(WorldSettings s, double[] rankWeights, long streamSeed) {
        int n = s.numItems();
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[i] = i;
        }
        SplitMixRandom rng = new SplitMixRandom(streamSeed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = rank[i];
            rank[i] = rank[j];
            rank[j] = t;
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            int r = rank[i];
            out[i] = (float) (rankWeights == null ? -s.popularitySkew() * Math.log(r + 1.0) : Math.log(rankWeights[r]));
        }
        return out;
    }

    /**
     * The settings this world was drawn with.
     *
     * @return the settings
     */
    WorldSettings settings() {
        return settings;
    }

    /**
     * The number of users.
     *
     * @return the count
     */
    int numUsers() {
        return settings.numUsers();
    }

    /**
     * The number of items.
     *
     * @return the count
     */
    int numItems() {
        return settings.numItems();
    }

    /**
     * The true preference of a user for an item, {@code x_u . y_i + b_i}.
     *
     * @param user the user
     * @param item the item
     * @return the preference
     */
    float preference(int user, int item) {
        int d = settings.dimension();
        int uo = user * d;
        int io = item * d;
        float s = 0;
        for (int k = 0; k < d; k++) {
            s += userFactors[uo + k] * itemFactors[io + k];
        }
        return s + itemBias[item];
    }

    /**
     * The true preferences of a user for every item, the same numbers as
     * {@link #preference(int, int)}.
     *
     * @param user   the user
     * @param out    receives {@code numItems()} values
     * @param offset where the row starts in {@code out}
     */
    void preferences(int user, float[] out, int offset) {
        int d = settings.dimension();
        int n = settings.numItems();
        int uo = user * d;
        for (int i = 0, io = 0; i < n; i++, io += d) {
            float s = 0;
            for (int k = 0; k < d; k++) {
                s += userFactors[uo + k] * itemFactors[io + k];
            }
            out[offset + i] = s + itemBias[i];
        }
    }

    /**
     * The log popularity weight of an item (up to a constant).
     *
     * @param item the item
     * @return {@code log w_i}
     */
    float logWeight(int item) {
        return logWeights[item];
    }

    /**
     * The cluster of a user.
     *
     * @param user the user
     * @return the cluster, in [0, clusters)
     */
    int userCluster(int user) {
        return userCluster[user];
    }

    /**
     * The cluster of an item.
     *
     * @param item the item
     * @return the cluster, in [0, clusters)
     */
    int itemCluster(int item) {
        return itemCluster[item];
    }
}
