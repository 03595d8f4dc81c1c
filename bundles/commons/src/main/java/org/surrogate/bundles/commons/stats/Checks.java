package org.surrogate.bundles.commons.stats;

/** Argument checks shared by the statistics, with messages naming the method, the input and the rule. */
final class Checks {

    private Checks() {
    }

    /**
     * Checks two arrays are present, of equal length and finite.
     *
     * @param method the method, for the message, such as "kendallTauB"
     * @param a      the first array
     * @param b      the second array
     * @param what   what one entry is, for the message, such as "one score per algorithm"
     */
    static void sameLengthFinite(String method, double[] a, double[] b, String what) {
        sameLengthFinite(method, a, "a", b, "b", what);
    }

    /** As {@link #sameLengthFinite(String, double[], double[], String)}, naming the arrays. */
    static void sameLengthFinite(String method, double[] a, String nameA, double[] b, String nameB, String what) {
        notNull(method, a, nameA);
        notNull(method, b, nameB);
        if (a.length != b.length) {
            throw new IllegalArgumentException(method + ": " + nameA + " and " + nameB + " must have the same length ("
                    + what + "), found " + a.length + " and " + b.length);
        }
        finite(method, a, nameA);
        finite(method, b, nameB);
    }

    static void notNull(String method, Object array, String name) {
        if (array == null) {
            throw new IllegalArgumentException(method + ": " + name + " must not be null");
        }
    }

    static void finite(String method, double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(method + ": " + name + "[" + i + "] must be finite, found "
                        + values[i]);
            }
        }
    }

    static void minLength(String method, double[] values, String name, int min, String what) {
        if (values.length < min) {
            throw new IllegalArgumentException(method + ": " + name + " needs at least " + min + " " + what
                    + ", found " + values.length);
        }
    }

    static boolean isConstant(double[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i] != values[0]) {
                return false;
            }
        }
        return true;
    }
}
