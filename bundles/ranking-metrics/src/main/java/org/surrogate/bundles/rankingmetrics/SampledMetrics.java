package org.surrogate.bundles.rankingmetrics;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.surrogate.api.run.RunContext;
import org.surrogate.bundles.commons.scoring.RankedRow;
import org.surrogate.bundles.commons.scoring.RowConsumer;

/**
 * The metrics of one worker thread in sampled-negatives mode. Each relevant item (positive) of a
 * user is ranked against its own sample of {@code negatives} distinct items drawn uniformly from the
 * items the user has not interacted with (neither excluded nor a test item); its rank is
 * {@code 1 +} the negatives scored higher, or equal with a lower item id (the tie rule of
 * {@code TopK}), and a positive scored {@code -Infinity} or NaN is never a hit. The cut-off metrics
 * and AUC of each positive (one relevant item: ndcg = 1/log2(rank + 1), recall = hit, precision =
 * hit / k, map = mrr = hit / rank, f1 = 2 hit / (k + 1)) are averaged over the user's positives.
 *
 * <p>The sample of a user comes from a generator seeded with {@code streamSeed(base, "user " + u)},
 * so it depends on the seed and the user only, not on threads or batches.
 */
final class SampledMetrics implements RowConsumer {

    private final MetricTable table;
    private final RelevantItems relevant;
    private final CutoffMetrics cutoffs;
    private final int negatives;
    private final long baseSeed;
    private final AtomicInteger shortUsers;
    private final int[] relevantStamp;
    private int stamp;
    private final int[] pool;
    private final int[] hitRank = new int[1];
    private final double[][] one;
    private final double[][] sums;

    /**
     * Creates the consumer of one worker.
     *
     * @param table      where to write
     * @param relevant   the relevant items of the users, by slot
     * @param cutoffs    the cut-off metrics
     * @param negatives  negatives per positive, at least 1
     * @param baseSeed   the seed of the evaluation's "negatives" stream
     * @param shortUsers counts users with fewer candidate negatives than asked for
     * @param numItems   the number of items
     */
    SampledMetrics(MetricTable table, RelevantItems relevant, CutoffMetrics cutoffs, int negatives, long baseSeed,
                   AtomicInteger shortUsers, int numItems) {
        this.table = table;
        this.relevant = relevant;
        this.cutoffs = cutoffs;
        this.negatives = negatives;
        this.baseSeed = baseSeed;
        this.shortUsers = shortUsers;
        this.relevantStamp = new int[numItems];
        this.pool = new int[numItems];
        this.one = new double[CutoffMetric.values().length][cutoffs.ks().length];
        this.sums = new double[CutoffMetric.values().length][cutoffs.ks().length];
    }

    @Override
    public void accept(RankedRow row) {
        int[] rel = relevant.of(row.slot());
        int size = candidates(row, rel);
        int m = Math.min(negatives, size);
        if (m < negatives) {
            shortUsers.incrementAndGet();
        }
        Random rng = new Random(RunContext.streamSeed(baseSeed, "user " + row.user()));
        for (double[] s : sums) {
            Arrays.fill(s, 0);
        }
        double aucSum = 0;
        for (int p : rel) {
            // A partial Fisher-Yates shuffle: pool[0..m) becomes a uniform sample without replacement.
            for (int j = 0; j < m; j++) {
                int pick = j + rng.nextInt(size - j);
                int t = pool[j];
                pool[j] = pool[pick];
                pool[pick] = t;
            }
            float score = Auc.clean(row.score(p));
            int rank = score == Float.NEGATIVE_INFINITY ? Integer.MAX_VALUE : rank(p, score, row, m);
            hitRank[0] = rank;
            cutoffs.compute(hitRank, 1, 1, one);
            for (int a = 0; a < sums.length; a++) {
                for (int c = 0; c < sums[a].length; c++) {
                    sums[a][c] += one[a][c];
                }
            }
            aucSum += Auc.sampled(score, row, pool, m);
        }
        for (double[] s : sums) {
            for (int c = 0; c < s.length; c++) {
                s[c] /= rel.length;
            }
        }
        table.set(row.slot(), sums);
        if (table.hasAuc()) {
            table.setAuc(row.slot(), aucSum / rel.length);
        }
    }

    /** Fills pool[0..size) with the items neither excluded nor relevant, in increasing id. */
    private int candidates(RankedRow row, int[] rel) {
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(relevantStamp, 0);
            stamp = 1;
        }
        for (int item : rel) {
            relevantStamp[item] = stamp;
        }
        int size = 0;
        for (int item = 0; item < row.numItems(); item++) {
            if (relevantStamp[item] != stamp && !row.isExcluded(item)) {
                pool[size++] = item;
            }
        }
        return size;
    }

    /** 1 + the sampled negatives ranked above the positive (higher score, or equal and lower id). */
    private int rank(int positive, float score, RankedRow row, int m) {
        int above = 0;
        for (int j = 0; j < m; j++) {
            int n = pool[j];
            float s = Auc.clean(row.score(n));
            if (s > score || (s == score && n < positive)) {
                above++;
            }
        }
        return above + 1;
    }
}
