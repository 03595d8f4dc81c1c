package org.surrogate.bundles.knownpreference;

import java.util.Objects;

/**
 * The choice model of simulated users: a multinomial logit over the shown slate plus an outside
 * ("no choice") option. Item {@code j} of the slate (position {@code j = 0} at the top) has utility
 * {@code pref(u, i_j) / choiceTemperature - positionBias * log2(1 + j)}; the outside option has
 * utility {@code outsideUtility}.
 *
 * @param owner             who uses these settings, for error messages
 * @param choiceTemperature divides true preferences in the utility, finite and above 0 (small:
 *                          users nearly always take their favourite of the slate)
 * @param positionBias      the weight of the logarithmic position discount, finite and at least 0
 * @param outsideUtility    the utility of choosing nothing, finite or {@code -Infinity} (users
 *                          always choose one item of a non-empty slate)
 */
record ChoiceSettings(String owner, double choiceTemperature, double positionBias, double outsideUtility) {

    /**
     * Checks every value.
     *
     * @throws IllegalArgumentException naming the owner, the value and the rule
     */
    ChoiceSettings {
        Objects.requireNonNull(owner, "owner");
        if (!(choiceTemperature > 0) || Double.isInfinite(choiceTemperature)) {
            throw new IllegalArgumentException(owner + ": choiceTemperature must be a finite number > 0, found "
                    + choiceTemperature);
        }
        Checks.finiteAtLeast(owner, "positionBias", positionBias, 0);
        if (Double.isNaN(outsideUtility) || outsideUtility == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(owner + ": outsideUtility must be a finite number or -Infinity, found "
                    + outsideUtility);
        }
    }
}
