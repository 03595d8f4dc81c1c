package org.surrogate.bundles.s2r;

/**
 * How a session turns ratings into feedback and reward.
 *
 * <p>{@code centered} reward is {@code (y - threshold) / (max - threshold)} clipped to [-1, 1]
 * (MovieLens: 5 gives 1, 4 gives 0.5, 3 gives 0, 1 gives -1); {@code binary} is 1 for a relevant
 * rating and 0 otherwise. An item the user never rated, or one already shown in the session, gives
 * reward 0 and is not relevant.
 *
 * @param horizon   steps per session (the paper's T = 32)
 * @param threshold ratings above it are relevant (MovieLens: 3.0)
 * @param maxRating the top of the rating scale
 * @param binary    binary instead of centered reward
 */
public record SessionRules(int horizon, double threshold, double maxRating, boolean binary) {

    /** Checks the values. */
    public SessionRules {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, found " + horizon);
        }
        if (!(maxRating > threshold)) {
            throw new IllegalArgumentException("threshold must be below the top rating " + maxRating + ", found "
                    + threshold);
        }
    }

    /**
     * The reward of a rating.
     *
     * @param rating the rating, NaN if the user never rated the item
     * @return the reward
     */
    public double reward(float rating) {
        if (Float.isNaN(rating)) {
            return 0;
        }
        if (binary) {
            return rating > threshold ? 1 : 0;
        }
        double r = (rating - threshold) / (maxRating - threshold);
        return Math.max(-1, Math.min(1, r));
    }

    /**
     * Whether a rating is relevant.
     *
     * @param rating the rating, NaN if unknown
     * @return true above the threshold
     */
    public boolean relevant(float rating) {
        return !Float.isNaN(rating) && rating > threshold;
    }
}
