package org.surrogate.bundles.knownpreference;

import java.util.Objects;

/**
 * The shape of one known-preference world: how many users and items, the latent space they live in
 * and how item popularity is distributed and enters true preferences.
 *
 * @param owner          who uses these settings, for error messages, such as
 *                       {@code "generator 'known-preference'"}
 * @param numUsers       the number of users, at least 1
 * @param numItems       the number of items, at least 1
 * @param dimension      the dimension of the latent factors, at least 1
 * @param clusters       the number of cluster centres users and items are drawn around, at least 1
 * @param clusterSpread  the standard deviation of a factor around its centre, relative to the centres
 *                       (0: every member of a cluster sits on its centre), finite and at least 0
 * @param popularitySkew the power-law exponent of item popularity weights {@code rank^-skew}, finite
 *                       and at least 0 (0: uniform); unused when the weights come from a reference
 * @param popularityBias how much an item's (centred) log popularity weight adds to every user's true
 *                       preference for it, finite (0: popularity does not affect preference)
 */
record WorldSettings(String owner, int numUsers, int numItems, int dimension, int clusters, double clusterSpread,
                     double popularitySkew, double popularityBias) {

    /** The largest Java array: the user factors are one array of numUsers x dimension floats. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8L;

    /**
     * Checks every value and that the factors fit in memory.
     *
     * @throws IllegalArgumentException naming the owner, the value and the rule
     */
    WorldSettings {
        Objects.requireNonNull(owner, "owner");
        Checks.atLeast(owner, "numUsers", numUsers, 1);
        Checks.atLeast(owner, "numItems", numItems, 1);
        Checks.atLeast(owner, "dimension", dimension, 1);
        Checks.atLeast(owner, "clusters", clusters, 1);
        Checks.finiteAtLeast(owner, "clusterSpread", clusterSpread, 0);
        Checks.finiteAtLeast(owner, "popularitySkew", popularitySkew, 0);
        Checks.finite(owner, "popularityBias", popularityBias);
        long factors = (long) Math.max(numUsers, numItems) * dimension;
        if (factors > MAX_ARRAY) {
            throw new IllegalArgumentException(owner + ": max(numUsers, numItems) x dimension must be at most "
                    + MAX_ARRAY + " to fit in one array, found " + Math.max(numUsers, numItems) + " x " + dimension
                    + " = " + factors + "; lower numUsers, numItems or dimension");
        }
    }

    /**
     * These settings with other sizes (twin mode takes them from a reference).
     *
     * @param users the number of users
     * @param items the number of items
     * @return the new settings
     */
    WorldSettings withSizes(int users, int items) {
        return new WorldSettings(owner, users, items, dimension, clusters, clusterSpread, popularitySkew,
                popularityBias);
    }
}
