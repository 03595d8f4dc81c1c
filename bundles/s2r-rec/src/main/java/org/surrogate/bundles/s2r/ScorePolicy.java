package org.surrogate.bundles.s2r;

import org.surrogate.api.recommender.Policy;
import org.surrogate.api.recommender.TopK;
import org.surrogate.api.simulator.Observation;

/**
 * A non-interactive policy: ranks the real domain's items by {@code <user vector, item vector>}
 * for the observation's user (a row of the real table) and shows the best item not shown yet,
 * ignoring feedback (the paper's MF and DARec "greedily select the item with highest predicted
 * rating").
 */
final class ScorePolicy implements Policy {

    private final float[][] users;
    private final float[][] items;

    ScorePolicy(float[][] users, float[][] items) {
        this.users = users;
        this.items = items;
    }

    @Override
    public int[] act(Observation obs, int slateSize) {
        float[] u = users[obs.user()];
        float[] scores = new float[items.length];
        for (int j = 0; j < items.length; j++) {
            scores[j] = QSnapshot.dot(u, items[j]);
        }
        for (int a : obs.items()) {
            scores[a] = Float.NEGATIVE_INFINITY;
        }
        return TopK.select(scores, 0, scores.length, slateSize);
    }
}
