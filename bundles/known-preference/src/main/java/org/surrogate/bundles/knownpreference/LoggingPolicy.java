package org.surrogate.bundles.knownpreference;

/**
 * How the generator chooses the slates it shows (the exposure, survey section 4.3): the items a
 * user can choose from, before the choice model decides. Items a user already chose are never shown
 * to them again, and a slate never repeats an item.
 */
enum LoggingPolicy {
    /** Items uniformly at random. */
    UNIFORM("uniform"),
    /** Items drawn in proportion to their popularity weight, one after the other without repeats. */
    POPULARITY("popularity"),
    /**
     * The items with the largest {@code pref(u, i) + policyTemperature * Gumbel}: a Plackett-Luce
     * draw in proportion to {@code exp(pref / policyTemperature)} (temperature 0: the user's true top
     * items). Costs a pass over all items per user (the preference row and an alias table over
     * {@code exp(pref / policyTemperature)}), then constant time per slate item; with temperature 0,
     * or once a cold policy has used up the user's favourites, a pass over all items per slate.
     */
    ORACLE_NOISY("oracle-noisy");

    private final String label;

    LoggingPolicy(String label) {
        this.label = label;
    }

    /**
     * The name used in parameters.
     *
     * @return the label, such as "oracle-noisy"
     */
    String label() {
        return label;
    }

    /**
     * The labels of every policy, in order, for the parameter schema.
     *
     * @return the labels
     */
    static String[] labels() {
        LoggingPolicy[] all = values();
        String[] out = new String[all.length];
        for (int k = 0; k < all.length; k++) {
            out[k] = all[k].label;
        }
        return out;
    }

    /**
     * Finds a policy by its label.
     *
     * @param label the label
     * @return the policy
     * @throws IllegalArgumentException naming the label and the accepted ones
     */
    static LoggingPolicy fromLabel(String label) {
        for (LoggingPolicy p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("loggingPolicy must be one of " + String.join(", ", labels())
                + ", found '" + label + "'");
    }
}
