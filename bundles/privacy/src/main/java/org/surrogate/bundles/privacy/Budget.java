package org.surrogate.bundles.privacy;

import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.privacy.PrivacyGuarantee;

/**
 * The privacy-budget parameters shared by the mechanisms, and the guarantee of "no mechanism".
 *
 * <p>{@code epsilon} accepts {@code Infinity} (the string {@code "Infinity"} in JSON, {@code .inf} in
 * YAML): the mechanism then returns its input unchanged, so a sweep over epsilon can include the
 * unprotected point.
 */
final class Budget {

    /** Parameter: the privacy budget epsilon. */
    static final String EPSILON = "epsilon";
    /** Parameter: the failure probability delta. */
    static final String DELTA = "delta";

    private Budget() {
    }

    /**
     * The epsilon parameter.
     *
     * @param unit what one epsilon protects, for the help text
     * @return the spec: a number &gt; 0, default 1, Infinity allowed
     */
    static ParamSpec epsilon(String unit) {
        return ParamSpec.doubleParam(EPSILON).defaultValue(1.0).greaterThan(0)
                .help("Privacy budget epsilon per " + unit + "; smaller is more private. 'Infinity' applies no "
                        + "mechanism and returns the data unchanged.").build();
    }

    /**
     * The delta parameter.
     *
     * @return the spec: a number in (0, 1), default 1e-6
     */
    static ParamSpec delta() {
        return ParamSpec.doubleParam(DELTA).defaultValue(1e-6).openRange(0, 1)
                .help("Failure probability delta of (epsilon, delta)-differential privacy; keep it well below "
                        + "1 / (number of protected units).").build();
    }

    /**
     * Whether an epsilon means "no protection".
     *
     * @param epsilon the budget
     * @return true for +Infinity
     */
    static boolean none(double epsilon) {
        return epsilon == Double.POSITIVE_INFINITY;
    }

    /**
     * The guarantee of a mechanism that was not applied.
     *
     * @param id the mechanism
     * @return epsilon infinite, delta 0
     */
    static PrivacyGuarantee unprotected(String id) {
        return new PrivacyGuarantee(Double.POSITIVE_INFINITY, 0, id + " with epsilon = Infinity: no protection, "
                + "the data are returned unchanged");
    }

    /**
     * Formats a number for descriptions: whole numbers without a decimal point.
     *
     * @param d the number
     * @return the text
     */
    static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
