package org.surrogate.bundles.commons.data;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link DatasetFilters#apply(org.surrogate.api.data.Dataset, FilterOptions)} removes from a
 * dataset. The steps run in this order, each on what the previous one left:
 * <ol>
 *   <li>implicit threshold: keep the interactions whose value is at least the threshold and set their
 *       value to 1 (off when the threshold is {@code NaN});</li>
 *   <li>minimum counts: drop the users with fewer than {@code minUserInteractions} interactions and, at
 *       the same time, the items with fewer than {@code minItemInteractions}, both counted before this
 *       step (one pass: a user may fall below its minimum once items are gone; use the k-core for a
 *       fixed point);</li>
 *   <li>k-core: drop users and items with fewer than {@code kCore} interactions, again and again, until
 *       every user and item left has at least {@code kCore}.</li>
 * </ol>
 * Counts are numbers of interactions, so an item a session clicked twice counts twice.
 *
 * <pre>{@code
 * Dataset implicit5core = DatasetFilters.apply(data, new FilterOptions(4.0, 0, 0, 5));
 * }</pre>
 *
 * @param implicitThreshold   the smallest value kept as a positive interaction, or {@code NaN} to keep
 *                            every value as it is
 * @param minUserInteractions the fewest interactions a user keeps, 0 for no minimum
 * @param minItemInteractions the fewest interactions an item keeps, 0 for no minimum
 * @param kCore               the k of the k-core, 0 for none
 */
public record FilterOptions(double implicitThreshold, int minUserInteractions, int minItemInteractions,
                            int kCore) {

    /** Options that remove nothing. */
    public static final FilterOptions NONE = new FilterOptions(Double.NaN, 0, 0, 0);

    /**
     * Checks the counts are not negative.
     *
     * @throws IllegalArgumentException naming the first negative count and its value
     */
    public FilterOptions {
        requireNonNegative("minUserInteractions", minUserInteractions);
        requireNonNegative("minItemInteractions", minItemInteractions);
        requireNonNegative("kCore", kCore);
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 (0 turns it off), found " + value);
        }
    }

    /**
     * Options with only a k-core.
     *
     * @param k the k, 0 for none
     * @return the options
     */
    public static FilterOptions kCoreOnly(int k) {
        return new FilterOptions(Double.NaN, 0, 0, k);
    }

    /**
     * Whether the implicit threshold is on.
     *
     * @return true unless the threshold is NaN
     */
    public boolean implicit() {
        return !Double.isNaN(implicitThreshold);
    }

    /**
     * Whether these options remove and change nothing.
     *
     * @return true if every step is off
     */
    public boolean isNone() {
        return !implicit() && minUserInteractions == 0 && minItemInteractions == 0 && kCore == 0;
    }

    /**
     * The steps that are on, for logs and provenance, such as
     * {@code "implicitThreshold=4.0, kCore=5"}; {@code "none"} when every step is off.
     *
     * @return the description
     */
    public String describe() {
        List<String> on = new ArrayList<>();
        if (implicit()) {
            on.add("implicitThreshold=" + implicitThreshold);
        }
        if (minUserInteractions > 0) {
            on.add("minUserInteractions=" + minUserInteractions);
        }
        if (minItemInteractions > 0) {
            on.add("minItemInteractions=" + minItemInteractions);
        }
        if (kCore > 0) {
            on.add("kCore=" + kCore);
        }
        return on.isEmpty() ? "none" : String.join(", ", on);
    }
}
