package org.surrogate.bundles.knownpreference;

import java.util.Arrays;
import java.util.List;
import org.surrogate.api.run.RunContext;

/**
 * Maps true preferences to ratings 1..k+1 by k cut points at quantiles of the preference of a
 * random user for a random item: with cuts {@code [0.5, 0.75, 0.9, 0.97]}, a preference below the
 * median of all user-item pairs is rated 1 and one in the top 3% is rated 5. Users choose what they
 * like, so the ratings of chosen items lean to the top of the scale, as in real rating data: with the
 * default world and popularity logging, these cuts give about 6/14/27/32/22% of ratings 1..5
 * (MovieLens-100K: 6/11/27/34/21%). The rating is a function of the true preference, without noise.
 * Immutable.
 */
final class RatingScale {

    /** How many random user-item pairs estimate the quantiles. */
    static final int SAMPLES = 100_000;

    private final float[] thresholds;

    private RatingScale(float[] thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * Estimates the thresholds from {@value #SAMPLES} random user-item pairs drawn from the stream
     * "rating-scale".
     *
     * @param world the world
     * @param cuts  the quantiles, strictly increasing in (0, 1)
     * @param seed  the run's seed
     * @return the scale
     */
    static RatingScale estimate(World world, List<Double> cuts, long seed) {
        SplitMixRandom rng = new SplitMixRandom(RunContext.streamSeed(seed, "rating-scale"));
        float[] sample = new float[SAMPLES];
        for (int k = 0; k < SAMPLES; k++) {
            sample[k] = world.preference(rng.nextInt(world.numUsers()), rng.nextInt(world.numItems()));
        }
        Arrays.sort(sample);
        float[] thresholds = new float[cuts.size()];
        for (int c = 0; c < thresholds.length; c++) {
            thresholds[c] = sample[(int) Math.min(SAMPLES - 1, Math.floor(cuts.get(c) * SAMPLES))];
        }
        return new RatingScale(thresholds);
    }

    /**
     * The rating of a preference: 1 plus the number of thresholds it reaches.
     *
     * @param preference the true preference
     * @return the rating, in 1..k+1
     */
    float rating(float preference) {
        int r = 1;
        for (float t : thresholds) {
            if (preference >= t) {
                r++;
            }
        }
        return r;
    }

    /**
     * The thresholds, lowest first.
     *
     * @return a copy
     */
    float[] thresholds() {
        return thresholds.clone();
    }
}
