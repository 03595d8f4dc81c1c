package org.surrogate.bundles.neighborhood;

import org.surrogate.api.data.Dataset;
import org.surrogate.api.recommender.Model;

/** Small datasets and helpers shared by the tests of this bundle. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * X (3 users x 3 items): u0 = {0, 1}, u1 = {1, 2}, u2 = {0, 1, 2}. Item counts 2, 3, 2;
     * item co-occurrences (0,1) = 2, (0,2) = 1, (1,2) = 2; user overlaps (0,1) = 1, (0,2) = 2,
     * (1,2) = 2. The value 5 of one interaction must not matter when binary.
     */
    static Dataset threeByThree() {
        return Dataset.builder("3x3", 3, 3)
                .add(0, 0, 1f).add(0, 1, 5f)
                .add(1, 1, 1f).add(1, 2, 1f)
                .add(2, 0, 1f).add(2, 1, 1f).add(2, 2, 1f)
                .build();
    }

    /** Scores users 0..users-1. */
    static float[] scoreAll(Model model, int users) {
        float[] out = new float[users * model.numItems()];
        model.score(allUsers(users), out);
        return out;
    }

    static int[] allUsers(int users) {
        int[] ids = new int[users];
        for (int u = 0; u < users; u++) {
            ids[u] = u;
        }
        return ids;
    }
}
