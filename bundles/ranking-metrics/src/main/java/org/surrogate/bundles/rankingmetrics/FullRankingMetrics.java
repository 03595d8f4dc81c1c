package org.surrogate.bundles.rankingmetrics;

import java.util.Arrays;
import org.surrogate.bundles.commons.scoring.RankedRow;
import org.surrogate.bundles.commons.scoring.RowConsumer;

/**
 * The metrics of one worker thread in full-ranking mode: the cut-off metrics from the user's top
 * items, and the AUC from the whole row. Writes only its rows' slots of the shared table.
 */
final class FullRankingMetrics implements RowConsumer {

    private final MetricTable table;
    private final RelevantItems relevant;
    private final CutoffMetrics cutoffs;
    private final int[] relevantStamp;
    private int stamp;
    private final int[] hitRanks;
    private final double[][] values;
    private final Auc auc;

    /**
     * Creates the consumer of one worker.
     *
     * @param table    where to write
     * @param relevant the relevant items of the users, by slot
     * @param cutoffs  the cut-off metrics
     * @param numItems the number of items
     */
    FullRankingMetrics(MetricTable table, RelevantItems relevant, CutoffMetrics cutoffs, int numItems) {
        this.table = table;
        this.relevant = relevant;
        this.cutoffs = cutoffs;
        this.relevantStamp = new int[numItems];
        int[] ks = cutoffs.ks();
        this.hitRanks = new int[ks[ks.length - 1]];
        this.values = new double[CutoffMetric.values().length][ks.length];
        this.auc = new Auc(numItems);
    }

    @Override
    public void accept(RankedRow row) {
        int slot = row.slot();
        int[] rel = relevant.of(slot);
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(relevantStamp, 0);
            stamp = 1;
        }
        for (int item : rel) {
            relevantStamp[item] = stamp;
        }
        int[] top = row.top();
        int hits = 0;
        for (int r = 0; r < top.length; r++) {
            if (relevantStamp[top[r]] == stamp) {
                hitRanks[hits++] = r + 1;
            }
        }
        cutoffs.compute(hitRanks, hits, rel.length, values);
        table.set(slot, values);
        if (table.hasAuc()) {
            table.setAuc(slot, auc.fullRanking(row, rel, relevantStamp, stamp));
        }
    }
}
