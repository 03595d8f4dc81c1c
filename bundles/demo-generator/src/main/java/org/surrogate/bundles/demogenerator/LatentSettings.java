package org.surrogate.bundles.demogenerator;

/**
 * The resolved sizes and shape of one demo-latent generator: from the parameters, or from a
 * reference dataset.
 *
 * @param numUsers            the number of users, at least 1
 * @param numItems            the number of items, at least 1
 * @param factors             the dimension of the latent vectors, at least 1
 * @param interactionsPerUser how many distinct items each user interacts with, in [1, numItems]
 * @param popularitySkew      the power-law exponent of item popularity, at least 0 (0: uniform)
 */
record LatentSettings(int numUsers, int numItems, int factors, int interactionsPerUser, double popularitySkew) {

    /**
     * Checks the values fit together.
     *
     * @throws IllegalArgumentException naming the generator, the value and the rule
     */
    LatentSettings {
        requireAtLeastOne("numUsers", numUsers);
        requireAtLeastOne("numItems", numItems);
        requireAtLeastOne("factors", factors);
        requireAtLeastOne("interactionsPerUser", interactionsPerUser);
        if (interactionsPerUser > numItems) {
            throw new IllegalArgumentException("generator '" + DemoLatentGenerator.ID
                    + "': interactionsPerUser must be at most numItems (" + numItems + "), found "
                    + interactionsPerUser + "; lower interactionsPerUser or raise numItems");
        }
        if (!(popularitySkew >= 0) || Double.isInfinite(popularitySkew)) {
            throw new IllegalArgumentException("generator '" + DemoLatentGenerator.ID
                    + "': popularitySkew must be a finite number >= 0, found " + popularitySkew);
        }
    }

    private static void requireAtLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("generator '" + DemoLatentGenerator.ID + "': " + name
                    + " must be at least 1, found " + value);
        }
    }
}
