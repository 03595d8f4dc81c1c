package org.surrogate.bundles.s2r;

import java.util.Random;
import org.surrogate.api.recommender.Policy;
import org.surrogate.api.simulator.Observation;

/** Uniformly random unseen items, from a seeded generator: the floor every learner must beat. */
final class RandomPolicy implements Policy {

    private final int items;
    private final Random rng;

    RandomPolicy(int items, Random rng) {
        this.items = items;
        this.rng = rng;
    }

    @Override
    public int[] act(Observation obs, int slateSize) {
        boolean[] shown = new boolean[items];
        for (int a : obs.items()) {
            shown[a] = true;
        }
        int[] out = new int[slateSize];
        for (int k = 0; k < slateSize; k++) {
            int a;
            do {
                a = rng.nextInt(items);
            } while (shown[a]);
            shown[a] = true;
            out[k] = a;
        }
        return out;
    }
}
