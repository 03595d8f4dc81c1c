package org.surrogate.bundles.surveyprotocols;

import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Policy;
import org.surrogate.api.recommender.TopK;
import org.surrogate.api.simulator.Observation;

/**
 * A model acting as a policy from its user scores, computed once for all users in batches when the
 * policy is made: for an observation it recommends the best-scored items of the observation's user
 * that are not in the observation's history. Unlike {@link Model#asPolicy()} it does not rescore the
 * session's history at every slate, so what the model knows of a user is what it was trained on (the
 * data logged before the round); in exchange it costs one batched scoring per round instead of one
 * scoring per slate, which matters for models scored by matrix products (EASE, Mult-VAE).
 */
final class BatchPolicy implements Policy {

    private static final int BLOCK = 256;

    private final float[] scores;
    private final int items;

    /**
     * Scores every user.
     *
     * @param model the fitted model
     * @param users the number of users
     * @param items the number of items
     */
    BatchPolicy(Model model, int users, int items) {
        this.items = items;
        this.scores = new float[users * items];
        float[] block = new float[BLOCK * items];
        for (int from = 0; from < users; from += BLOCK) {
            int to = Math.min(users, from + BLOCK);
            int[] ids = new int[to - from];
            for (int u = from; u < to; u++) {
                ids[u - from] = u;
            }
            model.score(ids, block);
            System.arraycopy(block, 0, scores, from * items, (to - from) * items);
        }
    }

    @Override
    public int[] act(Observation obs, int slateSize) {
        float[] row = new float[items];
        System.arraycopy(scores, obs.user() * items, row, 0, items);
        for (int item : obs.items()) {
            if (item >= 0 && item < items) {
                row[item] = Float.NEGATIVE_INFINITY;
            }
        }
        return TopK.select(row, 0, items, slateSize);
    }
}
