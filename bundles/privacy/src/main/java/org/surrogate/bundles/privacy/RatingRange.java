package org.surrogate.bundles.privacy;

import java.util.List;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;

/**
 * The rating scale of the rating mechanisms: ratings are clipped to {@code [min, max]} before noise (so
 * the sensitivity of one rating is {@code max - min}), and the noisy rating is clipped again and, when
 * {@code step > 0}, rounded to the nearest point {@code min + k step} of the grid (ties away from min),
 * then clipped once more (so {@code max} is reached even when {@code max - min} is not a multiple of the
 * step). Clipping and rounding after the noise are post-processing and cost no privacy.
 *
 * @param owner who uses it, for messages, such as "privacy mechanism 'laplace-ratings'"
 * @param min   the smallest rating, finite
 * @param max   the largest rating, finite and &gt; min
 * @param step  the rounding step, 0 for none, else &gt; 0 and at most {@code max - min}
 */
record RatingRange(String owner, double min, double max, double step) {

    /** Parameter: the smallest rating. */
    static final String MIN = "minRating";
    /** Parameter: the largest rating. */
    static final String MAX = "maxRating";
    /** Parameter: the rounding step. */
    static final String STEP = "roundingStep";

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the owner, the parameter, the value and the rule
     */
    RatingRange {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException(owner + ": " + MIN + " and " + MAX + " must be finite, found "
                    + min + " and " + max);
        }
        if (!(min < max)) {
            throw new IllegalArgumentException(owner + ": " + MIN + " must be below " + MAX + ", found " + min
                    + " and " + max);
        }
        if (!(step >= 0 && step <= max - min)) {
            throw new IllegalArgumentException(owner + ": " + STEP + " must be in [0, " + MAX + " - " + MIN + "] = [0, "
                    + Budget.format(max - min) + "], found " + step + "; 0 means no rounding");
        }
    }

    /**
     * The parameter specs.
     *
     * @return minRating (default 1), maxRating (default 5), roundingStep (default 0)
     */
    static List<ParamSpec> specs() {
        return List.of(
                ParamSpec.doubleParam(MIN).defaultValue(1.0)
                        .help("Smallest rating; ratings below are raised to it before the noise.").build(),
                ParamSpec.doubleParam(MAX).defaultValue(5.0)
                        .help("Largest rating; ratings above are lowered to it before the noise. The sensitivity "
                                + "of one rating is maxRating - minRating.").build(),
                ParamSpec.doubleParam(STEP).defaultValue(0.0).min(0)
                        .help("Rounding of the noisy rating (after clipping to [minRating, maxRating]) to the "
                                + "nearest minRating + k * roundingStep, such as 1 for whole stars or 0.5 for half "
                                + "stars; 0 keeps the continuous value.").build());
    }

    /**
     * Reads the range.
     *
     * @param owner  who uses it
     * @param params validated parameters
     * @return the range
     */
    static RatingRange from(String owner, Params params) {
        return new RatingRange(owner, params.getDouble(MIN), params.getDouble(MAX), params.getDouble(STEP));
    }

    /**
     * The sensitivity of one rating.
     *
     * @return {@code max - min}
     */
    double sensitivity() {
        return max - min;
    }

    /**
     * Clips a value to the range.
     *
     * @param v the value
     * @return the clipped value
     */
    double clip(double v) {
        return v < min ? min : Math.min(v, max);
    }

    /**
     * Post-processes a noisy value: clip, round to the grid, clip.
     *
     * @param noisy the value with noise
     * @return the released value
     */
    double release(double noisy) {
        double v = clip(noisy);
        if (step > 0) {
            v = clip(min + Math.floor((v - min) / step + 0.5) * step);
        }
        return v;
    }

    /**
     * Describes the clipping and rounding, for descriptions.
     *
     * @return the text
     */
    String describe() {
        return "ratings clipped to [" + Budget.format(min) + ", " + Budget.format(max) + "] (sensitivity "
                + Budget.format(sensitivity()) + "), noisy ratings clipped to the same range"
                + (step > 0 ? " and rounded to the nearest " + Budget.format(min) + " + k * " + Budget.format(step)
                : " and not rounded");
    }
}
