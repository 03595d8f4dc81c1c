package org.surrogate.bundles.recsimu;

import java.util.Random;

/**
 * The Random baseline of the paper: every tuple gets a random score; for K = 2 the probability of
 * the positive type is uniform in [0, 1] (so 0.5 is the decision threshold, as in the paper), for
 * larger K the probabilities are K uniform numbers normalised. Draws depend only on the seed and the
 * order of calls.
 */
final class RandomModel implements FeedbackModel {

    private final int types;
    private final Random rng;

    /**
     * A random predictor.
     *
     * @param types K
     * @param rng   its generator
     */
    RandomModel(int types, Random rng) {
        this.types = types;
        this.rng = rng;
    }

    @Override
    public synchronized float[][] predict(Tuples tuples) {
        float[][] out = new float[tuples.size][types];
        for (int r = 0; r < tuples.size; r++) {
            if (types == 2) {
                float p = rng.nextFloat();
                out[r][0] = 1 - p;
                out[r][1] = p;
                continue;
            }
            double sum = 0;
            for (int c = 0; c < types; c++) {
                out[r][c] = rng.nextFloat() + 1e-6f;
                sum += out[r][c];
            }
            for (int c = 0; c < types; c++) {
                out[r][c] /= (float) sum;
            }
        }
        return out;
    }
}
