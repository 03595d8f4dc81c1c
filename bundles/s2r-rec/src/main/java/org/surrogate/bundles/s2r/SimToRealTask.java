package org.surrogate.bundles.s2r;

/**
 * One sim-to-real task: the simulation domain's ratings (all its users), the real domain's ratings
 * (users split into the small training budget, validation and test), SVD item features of each
 * domain, and the user features the non-interactive baselines need.
 *
 * <p>Item features: simulation items from the SVD of the simulation ratings; real items from the
 * SVD of the real <em>training</em> users' ratings only (no validation or test rating reaches a
 * feature); with {@code itemFeatures: sim-basis}, real items folded into the simulation SVD through
 * the real training users instead (one basis for both domains). Each block is scaled to a mean row
 * norm of 1. {@code realUserSimFeatures[u]} is real
 * user {@code u}'s ratings in the simulation genre folded into the simulation SVD space (zeros if
 * the user rated nothing there): the side information MF and DARec rank with.
 *
 * @param name                  what it is (genres and sizes), for facts and logs
 * @param rules                 session rules
 * @param sim                   the simulation domain's ratings
 * @param real                  the real domain's ratings, all eligible users
 * @param realTrain             rows of {@code real} in the training budget
 * @param realValidation        rows for validation
 * @param realTest              rows for test
 * @param simItemFeatures       simulation items by k
 * @param realItemFeatures      real items by k
 * @param simUserFeatures       simulation users by k
 * @param realTrainUserFeatures real training users by k (real SVD)
 * @param realUserSimFeatures   every real user by k (fold-in into the simulation SVD)
 */
record SimToRealTask(String name, SessionRules rules, RatingTable sim, RatingTable real, int[] realTrain,
                     int[] realValidation, int[] realTest, float[][] simItemFeatures, float[][] realItemFeatures,
                     float[][] simUserFeatures, float[][] realTrainUserFeatures, float[][] realUserSimFeatures) {

    /** Number of SVD features. */
    int features() {
        return simItemFeatures[0].length;
    }

    ReplayEnvironment simEnvironment() {
        int[] all = new int[sim.numUsers()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return new ReplayEnvironment(sim, all, rules);
    }

    ReplayEnvironment realTrainEnvironment() {
        return new ReplayEnvironment(real, realTrain, rules);
    }

    ReplayEnvironment realValidationEnvironment() {
        return new ReplayEnvironment(real, realValidation, rules);
    }

    ReplayEnvironment realTestEnvironment() {
        return new ReplayEnvironment(real, realTest, rules);
    }
}
