package org.surrogate.bundles.knownpreference;

import org.surrogate.api.recommender.Model;

/**
 * The ground truth of a known-preference world as a {@link Model}: the score of an item for a user
 * is the user's true preference for it, {@code x_u . y_i + b_i}. A row costs
 * {@code numItems * dimension} multiply-adds. Immutable, so safe from several threads; as a
 * {@link Model#asPolicy() policy} it is the oracle that shows each user their true favourites.
 */
final class TruePreferences implements Model {

    private final World world;
    private final String owner;

    /**
     * Creates the model.
     *
     * @param world the world
     * @param owner who made it, for error messages
     */
    TruePreferences(World world, String owner) {
        this.world = world;
        this.owner = owner;
    }

    @Override
    public int numItems() {
        return world.numItems();
    }

    /**
     * Fills each row with a user's true preferences.
     *
     * @param users dense user ids
     * @param out   receives {@code users.length * numItems()} values, row-major
     * @throws IllegalArgumentException if a user is out of range or {@code out} is too short
     */
    @Override
    public void score(int[] users, float[] out) {
        int n = world.numItems();
        long needed = (long) users.length * n;
        if (out.length < needed) {
            throw new IllegalArgumentException(owner + ": out holds " + out.length + " scores, needs " + needed + " ("
                    + users.length + " users x " + n + " items)");
        }
        for (int user : users) {
            if (user < 0 || user >= world.numUsers()) {
                throw new IllegalArgumentException(owner + ": user " + user + " is out of range [0, "
                        + world.numUsers() + ")");
            }
        }
        for (int k = 0; k < users.length; k++) {
            world.preferences(users[k], out, k * n);
        }
    }
}
