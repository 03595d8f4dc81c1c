package org.surrogate.bundles.knownpreference;

/**
 * The choice of a simulated user among a shown slate: a multinomial logit over the slate plus an
 * outside option (see {@link ChoiceSettings}). For a slate {@code i_0 .. i_(n-1)} (top first):
 * <pre>
 *   z_j = pref(u, i_j) / choiceTemperature - positionBias * log2(1 + j)
 *   z_out = outsideUtility
 *   P(choose i_j) = exp(z_j) / (exp(z_out) + sum_k exp(z_k)),   P(nothing) = exp(z_out) / (same)
 * </pre>
 * At most one item is chosen. Immutable, so safe from several threads; callers pass their buffers.
 */
final class ChoiceModel {

    private static final int TABLE = 64;

    private final World world;
    private final ChoiceSettings settings;
    private final double[] penalty;

    /**
     * Creates the model.
     *
     * @param world    the world whose true preferences drive choices
     * @param settings the choice settings
     */
    ChoiceModel(World world, ChoiceSettings settings) {
        this.world = world;
        this.settings = settings;
        this.penalty = new double[TABLE];
        for (int j = 0; j < TABLE; j++) {
            penalty[j] = positionPenalty(settings.positionBias(), j);
        }
    }

    private static double positionPenalty(double bias, int position) {
        return bias == 0 ? 0 : bias * Math.log1p(position) / Math.log(2);
    }

    /**
     * The settings.
     *
     * @return the choice settings
     */
    ChoiceSettings settings() {
        return settings;
    }

    /**
     * The choice probabilities of a slate.
     *
     * @param user  the user
     * @param slate the shown items, top first; {@code slate[0..length)} are used
     * @param length how many items the slate has
     * @param prefs receives the true preference of each slate item
     * @param probs receives the probability that each slate item is chosen
     * @return the probability that nothing is chosen
     */
    double probabilities(int user, int[] slate, int length, float[] prefs, double[] probs) {
        return probabilities(user, slate, length, null, prefs, probs);
    }

    /**
     * The choice probabilities of a slate some of whose items cannot be chosen (a user's earlier
     * choices, shown again by a given policy): such an item keeps its position, so the items below
     * it keep their position discount, but has probability 0, as if its utility were
     * {@code -Infinity}; the others share the rest as the logit over the choosable items and the
     * outside option. When nothing can be chosen (every item excluded and no outside option) every
     * probability is 0 and the result is 1.
     *
     * @param user     the user
     * @param slate    the shown items, top first; {@code slate[0..length)} are used
     * @param length   how many items the slate has
     * @param excluded whether each position cannot be chosen, or {@code null} when all can
     * @param prefs    receives the true preference of each slate item
     * @param probs    receives the probability that each slate item is chosen
     * @return the probability that nothing is chosen
     */
    double probabilities(int user, int[] slate, int length, boolean[] excluded, float[] prefs, double[] probs) {
        double inverseTemperature = 1 / settings.choiceTemperature();
        double max = settings.outsideUtility();
        for (int j = 0; j < length; j++) {
            float p = world.preference(user, slate[j]);
            prefs[j] = p;
            if (excluded != null && excluded[j]) {
                continue;
            }
            double z = p * inverseTemperature - (j < TABLE ? penalty[j] : positionPenalty(settings.positionBias(), j));
            probs[j] = z;
            max = Math.max(max, z);
        }
        // Subtract the largest utility so exp never overflows (temperatures can be small).
        double outside = settings.outsideUtility() == Double.NEGATIVE_INFINITY ? 0
                : Math.exp(settings.outsideUtility() - max);
        double total = outside;
        for (int j = 0; j < length; j++) {
            double e = excluded != null && excluded[j] ? 0 : Math.exp(probs[j] - max);
            probs[j] = e;
            total += e;
        }
        if (total == 0) {
            return 1; // nothing can be chosen: no items (or all excluded) and no outside option
        }
        double inverse = 1 / total;
        for (int j = 0; j < length; j++) {
            probs[j] *= inverse;
        }
        return outside * inverse;
    }

    /**
     * Picks the chosen position from the probabilities.
     *
     * @param probs   the per-position probabilities of {@link #probabilities}
     * @param length  the slate length
     * @param uniform a uniform number in [0, 1)
     * @return the chosen position, or -1 for the outside option
     */
    static int draw(double[] probs, int length, double uniform) {
        double acc = 0;
        for (int j = 0; j < length; j++) {
            acc += probs[j];
            if (uniform < acc) {
                return j;
            }
        }
        return -1;
    }
}
