package org.surrogate.bundles.splitters;

import java.math.BigDecimal;
import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.ParamType;
import org.surrogate.api.run.RunContext;

/** Rules and small tools the splitters share: counting, shuffling, checks and wording. */
final class SplitSupport {

    /**
     * Added before rounding so that a decimal fraction times a count rounds as written: 0.35 is
     * stored as 0.34999..., and 0.35 * 10 must give 4, not 3.
     */
    private static final double TOLERANCE = 1e-9;

    /** How many users are processed between two cancellation checks. */
    private static final int CHECK_EVERY = 1024;

    private SplitSupport() {
    }

    /**
     * The number of a user's {@code d} interactions held out for a fraction: {@code round(f * d)}
     * (halves up), at least 1 and at most {@code d - 1}, so the held-out part and the rest each keep
     * one.
     *
     * @param d        the number of interactions, at least 2
     * @param fraction the fraction, in (0, 1)
     * @return the count, in [1, d - 1]
     */
    static int roundedCount(int d, double fraction) {
        long t = Math.round(fraction * d + TOLERANCE);
        return (int) Math.max(1, Math.min(d - 1, t));
    }

    /**
     * {@code floor(p * d)}, as Liang et al.'s {@code int(test_prop * n)}, at least 1 when
     * {@code d >= 2}; 0 for fewer interactions. At most {@code d - 1} since p is below 1.
     *
     * @param d the number of interactions
     * @param p the proportion, in (0, 1)
     * @return the count
     */
    static int flooredCount(int d, double p) {
        if (d < 2) {
            return 0;
        }
        long t = (long) Math.floor(p * d + TOLERANCE);
        return (int) Math.max(1, Math.min(d - 1, t));
    }

    /**
     * Shuffles {@code a[from..to)} uniformly (Fisher-Yates).
     *
     * @param a    the array
     * @param from the first position
     * @param to   the position after the last
     * @param rng  the random source
     */
    static void shuffle(int[] a, int from, int to, Random rng) {
        for (int k = to - 1; k > from; k--) {
            int j = from + rng.nextInt(k - from + 1);
            int t = a[k];
            a[k] = a[j];
            a[j] = t;
        }
    }

    /**
     * Fails unless the dataset has timestamps or is empty (an empty dataset carries none, and there is
     * nothing to order).
     *
     * @param splitter the splitter's id
     * @param data     the dataset
     * @param remedy   what to do instead, as a sentence fragment
     * @throws IllegalArgumentException naming the splitter and the dataset
     */
    static void requireTimestamps(String splitter, Dataset data, String remedy) {
        if (!data.hasTimestamps() && data.size() > 0) {
            throw new IllegalArgumentException("splitter '" + splitter + "': dataset '" + data.name()
                    + "' has no timestamps; " + remedy);
        }
    }

    /**
     * Checks for cancellation every {@value #CHECK_EVERY} users.
     *
     * @param user the user about to be processed
     * @param ctx  the run context
     */
    static void checkCancelled(int user, RunContext ctx) {
        if (user % CHECK_EVERY == 0) {
            ctx.checkCancelled();
        }
    }

    /**
     * A fraction as a percentage without trailing zeros: 0.2 gives "20%", 0.125 gives "12.5%".
     *
     * @param fraction the fraction
     * @return the text
     */
    static String percent(double fraction) {
        return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /**
     * One minus a fraction as a percentage, computed in decimal so that 0.2 gives "80%".
     *
     * @param fraction the fraction
     * @return the text
     */
    static String complementPercent(double fraction) {
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(fraction)).movePointRight(2).stripTrailingZeros()
                .toPlainString() + "%";
    }

    /**
     * A number without a trailing ".0": 0.2 gives "0.2".
     *
     * @param value the number
     * @return the text
     */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * The usual test fraction parameter: open range (0, 1), default 0.2.
     *
     * @param help what it means
     * @return the spec
     */
    static ParamSpec testFraction(String help) {
        return ParamSpec.doubleParam("testFraction").openRange(0, 1).defaultValue(0.2).help(help).build();
    }

    /**
     * The usual validation fraction parameter: [0, 1), default 0 (no validation part).
     *
     * @param help what it means
     * @return the spec
     */
    static ParamSpec validationFraction(String help) {
        // The builder has no half-open range, so the record is made directly: 0 allowed, 1 not.
        return new ParamSpec("validationFraction", ParamType.DOUBLE, 0.0, false, 0.0, false, 1.0, true, null, help);
    }

    /**
     * The usual minimum number of interactions a user needs to be split, at least 2.
     *
     * @param help what it means
     * @return the spec
     */
    static ParamSpec minInteractions(String help) {
        return ParamSpec.intParam("minInteractions").min(2).defaultValue(2).help(help).build();
    }
}
