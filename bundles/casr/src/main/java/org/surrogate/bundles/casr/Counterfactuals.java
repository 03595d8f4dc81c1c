package org.surrogate.bundles.casr;

import java.util.List;

/**
 * The counterfactual samples of one sampler run, CASR's {@code T_c}, with where each came from.
 *
 * @param samples         each a history followed by the sampler's next item {@code t-hat^{l+1}}
 * @param users           per sample, the training user whose sequence was intervened on
 * @param positions       per sample, the replaced step of the history (0-based)
 * @param originals       per sample, the item that was replaced ({@code t^d})
 * @param confidences     per sample, the sampler's top probability {@code max_t S(t | ...)}
 * @param attempted       the training samples intervened on
 * @param rejectedByKappa the attempts dropped because the sampler's confidence was not above kappa
 * @param rejectedSameNext the attempts dropped because the next item did not change (data-oriented only)
 * @param seconds         the wall time of generation
 */
record Counterfactuals(List<int[]> samples, int[] users, int[] positions, int[] originals, float[] confidences,
                       int attempted, int rejectedByKappa, int rejectedSameNext, double seconds) {

    /**
     * Copies the arrays' list.
     */
    Counterfactuals {
        samples = List.copyOf(samples);
    }

    /**
     * Generated sequences per second.
     *
     * @return the throughput, counting attempts (kept or not)
     */
    double attemptsPerSecond() {
        return seconds > 0 ? attempted / seconds : Double.NaN;
    }
}
