package org.surrogate.bundles.knownpreference;

/** Argument checks shared by the settings records, with messages naming owner, field and value. */
final class Checks {

    private Checks() {
    }

    /** Requires {@code value >= min}. */
    static void atLeast(String owner, String field, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(owner + ": " + field + " must be at least " + min + ", found " + value);
        }
    }

    /** Requires a finite value. */
    static void finite(String owner, String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(owner + ": " + field + " must be a finite number, found " + value);
        }
    }

    /** Requires a finite value {@code >= min}. */
    static void finiteAtLeast(String owner, String field, double value, double min) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + field + " must be a finite number >= "
                    + format(min) + ", found " + value);
        }
    }

    /** Formats whole numbers without a decimal point, as the parameter schema does. */
    static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
