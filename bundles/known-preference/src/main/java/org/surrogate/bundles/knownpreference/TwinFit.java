package org.surrogate.bundles.knownpreference;

import java.util.Arrays;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.run.RunContext;

/**
 * The marginals of a real dataset that twin mode copies: its numbers of users and items, its item
 * popularity distribution (as popularity weights by rank) and, for the generator, its distribution of
 * per-user activity (as each synthetic user's target number of choices).
 *
 * <p>What is matched: the numbers of users and items exactly; the activity distribution in
 * distribution (each synthetic user's target is drawn with replacement from the reference's user
 * degrees, capped at the number of items, and reached exactly unless the user runs out of slates);
 * hence the number of interactions and the density in expectation. The popularity weights by rank are
 * the reference's item counts sorted in decreasing order, plus 1 (so unseen items can still be
 * shown); with the {@code popularity} logging policy, exposure follows the reference's popularity
 * curve, and choices reshape it by preference (popularity bias, clusters), so synthetic popularity
 * follows the reference's only approximately. Not matched: which user or item is which, co-occurrence
 * and other joint structure, ratings, timestamps and repeated interactions.
 *
 * @param numUsers    the reference's number of users
 * @param numItems    the reference's number of items
 * @param rankWeights popularity weights by rank, best first
 * @param targets     the target number of choices of each synthetic user
 */
record TwinFit(int numUsers, int numItems, double[] rankWeights, int[] targets) {

    /**
     * Measures a reference.
     *
     * @param owner     who fits, for error messages
     * @param reference the real dataset
     * @param ctx       the run context; targets come from the stream "twin/activity"
     * @return the marginals
     * @throws IllegalArgumentException if the reference has no users, items or interactions
     */
    static TwinFit of(String owner, Dataset reference, RunContext ctx) {
        if (reference.numUsers() == 0 || reference.numItems() == 0 || reference.size() == 0) {
            throw new IllegalArgumentException(owner + ": twin mode needs a reference with users, items and "
                    + "interactions, found '" + reference.name() + "' with " + reference.numUsers() + " users, "
                    + reference.numItems() + " items and " + reference.size() + " interactions");
        }
        int[] counts = reference.itemCounts();
        Arrays.sort(counts);
        int n = counts.length;
        double[] rankWeights = new double[n];
        for (int r = 0; r < n; r++) {
            rankWeights[r] = counts[n - 1 - r] + 1.0;
        }
        int users = reference.numUsers();
        SplitMixRandom rng = new SplitMixRandom(RunContext.streamSeed(ctx.seed(), "twin/activity"));
        int[] targets = new int[users];
        for (int u = 0; u < users; u++) {
            targets[u] = Math.min(n, reference.degree(rng.nextInt(users)));
        }
        return new TwinFit(users, n, rankWeights, targets);
    }
}
