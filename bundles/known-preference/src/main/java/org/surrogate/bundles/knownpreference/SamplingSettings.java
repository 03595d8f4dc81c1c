package org.surrogate.bundles.knownpreference;

import java.util.List;
import java.util.Objects;

/**
 * How the generator turns a world into a dataset: the logging policy and slates, how many choices
 * or sessions each user gets, the timestamps' session structure and what value an interaction has.
 *
 * @param owner                   who uses these settings, for error messages
 * @param loggingPolicy           how slates are chosen
 * @param policyTemperature       the Gumbel noise scale of {@link LoggingPolicy#ORACLE_NOISY}, finite
 *                                and at least 0
 * @param slateSize               items per slate, at least 1
 * @param interactionsPerUser     the number of choices each user makes (slates are shown until then),
 *                                at least 0; ignored when {@code sessionsPerUser > 0}
 * @param sessionsPerUser         when above 0, each user gets exactly this many sessions of
 *                                {@code sessionLength} slates and makes as many choices as happen
 * @param sessionLength           slates per session, at least 1
 * @param maxSlatesPerInteraction in target mode, a user stops after
 *                                {@code ceil(maxSlatesPerInteraction * target)} slates even if short of
 *                                the target; at least 1
 * @param ratings                 whether values are ratings 1..{@code ratingCuts.size() + 1} (else 1)
 * @param ratingCuts              the preference quantiles that separate ratings, strictly increasing in
 *                                (0, 1)
 * @param threads                 sampling threads, at least 0 (0: one per available processor); the
 *                                dataset does not depend on it
 */
record SamplingSettings(String owner, LoggingPolicy loggingPolicy, double policyTemperature, int slateSize,
                        int interactionsPerUser, int sessionsPerUser, int sessionLength,
                        double maxSlatesPerInteraction, boolean ratings, List<Double> ratingCuts, int threads) {

    /**
     * Checks every value and copies the cuts.
     *
     * @throws IllegalArgumentException naming the owner, the value and the rule
     */
    SamplingSettings {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(loggingPolicy, "loggingPolicy");
        ratingCuts = List.copyOf(ratingCuts);
        Checks.finiteAtLeast(owner, "policyTemperature", policyTemperature, 0);
        Checks.atLeast(owner, "slateSize", slateSize, 1);
        Checks.atLeast(owner, "interactionsPerUser", interactionsPerUser, 0);
        Checks.atLeast(owner, "sessionsPerUser", sessionsPerUser, 0);
        Checks.atLeast(owner, "sessionLength", sessionLength, 1);
        Checks.finiteAtLeast(owner, "maxSlatesPerInteraction", maxSlatesPerInteraction, 1);
        Checks.atLeast(owner, "threads", threads, 0);
        double previous = 0;
        for (double cut : ratingCuts) {
            if (!(cut > previous && cut < 1)) {
                throw new IllegalArgumentException(owner + ": ratingCuts must be strictly increasing and in (0, 1), "
                        + "found " + ratingCuts);
            }
            previous = cut;
        }
    }

    /**
     * Checks the settings against the world's number of items.
     *
     * @param numItems the number of items
     * @param source   where that number comes from, appended to it in messages, such as
     *                 {@code ", from reference 'ml-100k'"}, or empty
     * @throws IllegalArgumentException if a slate or a user's choices cannot fit in the catalogue
     */
    void checkAgainst(int numItems, String source) {
        if (slateSize > numItems) {
            throw new IllegalArgumentException(owner + ": slateSize must be at most numItems (" + numItems + source
                    + "), found " + slateSize + "; lower slateSize or raise numItems");
        }
        if (sessionsPerUser == 0 && interactionsPerUser > numItems) {
            throw new IllegalArgumentException(owner + ": interactionsPerUser must be at most numItems (" + numItems
                    + source + ") since a user chooses an item at most once, found " + interactionsPerUser
                    + "; lower interactionsPerUser or raise numItems");
        }
    }

    /**
     * The number of threads to sample with.
     *
     * @return {@link #threads()}, or the number of available processors when that is 0
     */
    int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
