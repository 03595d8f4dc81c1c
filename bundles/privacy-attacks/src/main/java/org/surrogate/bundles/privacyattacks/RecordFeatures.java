package org.surrogate.bundles.privacyattacks;

import java.util.List;

/**
 * The features of a record (a set of items A) against the synthetic data, for the shadow attack:
 * <ol>
 * <li>{@code dcr}: distance to the closest synthetic record;</li>
 * <li>{@code knn}: mean distance to the k closest synthetic records;</li>
 * <li>{@code nndr}: nearest-neighbour distance ratio {@code dcr / knn} (1 when both are 0);</li>
 * <li>{@code size}: {@code log(1 + |A|)};</li>
 * <li>{@code coverage}: the share of A's items that occur in the synthetic data;</li>
 * <li>{@code typicality}: the mean over A's items of {@code log(1 + synthetic popularity)}.</li>
 * </ol>
 */
final class RecordFeatures {

    /** The feature names, in order. */
    static final List<String> NAMES = List.of("dcr", "knn", "nndr", "size", "coverage", "typicality");

    private RecordFeatures() {
    }

    /**
     * The features of some records.
     *
     * @param index     the synthetic records
     * @param records   the records
     * @param neighbours k, at least 1
     * @return one row of {@link #NAMES} per record
     */
    static double[][] of(SyntheticIndex index, int[][] records, int neighbours) {
        double[][] x = new double[records.length][];
        for (int r = 0; r < records.length; r++) {
            int[] a = records[r];
            double[] near = index.nearest(a, neighbours);
            double knn = AttackReport.mean(near);
            int covered = 0;
            double typical = 0;
            for (int item : a) {
                int pop = index.popularity(item);
                covered += pop > 0 ? 1 : 0;
                typical += Math.log1p(pop);
            }
            x[r] = new double[] {near[0], knn, knn == 0 ? 1 : near[0] / knn, Math.log1p(a.length),
                    (double) covered / a.length, typical / a.length};
        }
        return x;
    }
}
