package org.surrogate.bundles.fidelity;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.surrogate.api.data.Dataset;

/**
 * The marginal statistics of one dataset that the fidelity metrics compare: activity (interactions per
 * user), popularity (interactions per item), value sums per user and item, the distinct values, and
 * sessions when there are timestamps.
 *
 * <p>With {@code includeEmpty} false, users and items without interactions are left out of every
 * sample and count; with true, every user and item of the id space is in.
 */
final class Profile {

    /** Above this many distinct values, {@link #valueCounts} is null and values are binned by quantiles. */
    static final int MAX_DISTINCT_VALUES = 64;

    final Dataset data;
    /** Interactions per counted user. */
    final int[] activity;
    /** Interactions per counted item. */
    final int[] popularity;
    /** Sum of values per counted user, aligned with {@link #activity}. */
    final double[] userSums;
    /** Sum of values per counted item, aligned with {@link #popularity}. */
    final double[] itemSums;
    /** Counted users with at least one interaction. */
    final int activeUsers;
    /** Counted items with at least one interaction. */
    final int activeItems;
    /** Whether every value is 1 (implicit feedback). */
    final boolean allOnes;
    /** Interactions by distinct value, or null when there are more than {@value #MAX_DISTINCT_VALUES}. */
    final Map<Float, Long> valueCounts;
    /** Sessions per counted user, or null without timestamps. */
    final int[] sessionsPerUser;
    /** Interactions per session, or null without timestamps. */
    final int[] sessionLengths;

    private Profile(Dataset data, int[] activity, int[] popularity, double[] userSums, double[] itemSums,
                    int activeUsers, int activeItems, boolean allOnes, Map<Float, Long> valueCounts,
                    int[] sessionsPerUser, int[] sessionLengths) {
        this.data = data;
        this.activity = activity;
        this.popularity = popularity;
        this.userSums = userSums;
        this.itemSums = itemSums;
        this.activeUsers = activeUsers;
        this.activeItems = activeItems;
        this.allOnes = allOnes;
        this.valueCounts = valueCounts;
        this.sessionsPerUser = sessionsPerUser;
        this.sessionLengths = sessionLengths;
    }

    /**
     * Computes the profile in one pass over the interactions.
     *
     * @param data         the dataset
     * @param includeEmpty whether users and items without interactions count
     * @param sessionGap   the largest gap between two interactions of one session, in timestamp units
     * @return the profile
     */
    static Profile of(Dataset data, boolean includeEmpty, long sessionGap) {
        int m = data.numUsers();
        int n = data.numItems();
        int[] degree = new int[m];
        double[] uSum = new double[m];
        int[] count = new int[n];
        double[] iSum = new double[n];
        boolean allOnes = true;
        Map<Float, Long> values = new HashMap<>();
        for (int u = 0; u < m; u++) {
            degree[u] = data.degree(u);
            for (int idx = data.begin(u); idx < data.end(u); idx++) {
                float v = data.value(idx);
                int i = data.item(idx);
                uSum[u] += v;
                count[i]++;
                iSum[i] += v;
                allOnes &= v == 1f;
                if (values != null) {
                    values.merge(v, 1L, Long::sum);
                    values = values.size() > MAX_DISTINCT_VALUES ? null : values;
                }
            }
        }
        int[] users = counted(degree, includeEmpty);
        int[] items = counted(count, includeEmpty);
        int[][] sessions = data.hasTimestamps() ? sessions(data, users, sessionGap) : new int[2][];
        return new Profile(data, pick(degree, users), pick(count, items), pick(uSum, users), pick(iSum, items),
                (int) Arrays.stream(degree).filter(d -> d > 0).count(),
                (int) Arrays.stream(count).filter(c -> c > 0).count(), allOnes, values, sessions[0], sessions[1]);
    }

    /** The indices counted: all, or those with a positive count. */
    private static int[] counted(int[] counts, boolean includeEmpty) {
        return IntStream.range(0, counts.length)
                .filter(k -> includeEmpty || counts[k] > 0).toArray();
    }

    private static int[] pick(int[] values, int[] at) {
        int[] out = new int[at.length];
        for (int k = 0; k < at.length; k++) {
            out[k] = values[at[k]];
        }
        return out;
    }

    private static double[] pick(double[] values, int[] at) {
        double[] out = new double[at.length];
        for (int k = 0; k < at.length; k++) {
            out[k] = values[at[k]];
        }
        return out;
    }

    /**
     * Splits every user's time-ordered interactions into sessions: a new session starts when the gap to
     * the previous interaction exceeds {@code gap}.
     *
     * @return {sessions per user (aligned with users), interactions per session}
     */
    private static int[][] sessions(Dataset data, int[] users, long gap) {
        int[] perUser = new int[users.length];
        int[] lengths = new int[Math.max(16, users.length)];
        int count = 0;
        for (int k = 0; k < users.length; k++) {
            int u = users[k];
            int length = 0;
            for (int idx = data.begin(u); idx <= data.end(u); idx++) {
                boolean ends = idx == data.end(u)
                        || (length > 0 && data.timestamp(idx) - data.timestamp(idx - 1) > gap);
                if (ends && length > 0) {
                    if (count == lengths.length) {
                        lengths = Arrays.copyOf(lengths, count * 2);
                    }
                    lengths[count++] = length;
                    perUser[k]++;
                    length = 0;
                }
                length++;
            }
        }
        return new int[][] {perUser, Arrays.copyOf(lengths, count)};
    }

    /** The number of users counted (the activity sample size). */
    int users() {
        return activity.length;
    }

    /** The number of items counted. */
    int items() {
        return popularity.length;
    }

    /** Interactions per user x item cell over the counted users and items; 0 when either count is 0. */
    double density() {
        double cells = (double) users() * items();
        return cells == 0 ? 0 : data.size() / cells;
    }
}
