package org.surrogate.bundles.rankingmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.bundles.commons.scoring.RankingEngine;
import org.surrogate.testkit.RecordingRunContext;

/** The bucketed full-ranking AUC equals the plain count over all pairs, bit for bit. */
class AucTest {

    /** Every (relevant, non-relevant non-excluded) pair: 2 when ordered correctly, 1 for a tie. */
    private static double bruteForce(float[] row, int[] relevant, boolean[] excluded) {
        boolean[] isRelevant = new boolean[row.length];
        for (int item : relevant) {
            isRelevant[item] = true;
        }
        long twice = 0;
        long negatives = 0;
        for (int n = 0; n < row.length; n++) {
            if (isRelevant[n] || excluded[n]) {
                continue;
            }
            negatives++;
            float sn = Auc.clean(row[n]);
            for (int p : relevant) {
                float sp = Auc.clean(row[p]);
                twice += sp > sn ? 2 : sp == sn ? 1 : 0;
            }
        }
        return negatives == 0 ? 0.5 : twice / (2.0 * relevant.length * negatives);
    }

    private static float draw(Random rng, int kind) {
        return switch (kind) {
            case 0 -> rng.nextFloat();                        // distinct scores
            case 1 -> rng.nextInt(5);                         // heavy ties
            default -> switch (rng.nextInt(12)) {             // specials among ties
                case 0 -> Float.NaN;
                case 1 -> Float.NEGATIVE_INFINITY;
                case 2 -> Float.POSITIVE_INFINITY;
                default -> rng.nextInt(4) * 0.25f;
            };
        };
    }

    @Test
    void bucketedAucEqualsThePairCount() {
        Random rng = new Random(17);
        int users = 300;
        int items = 257;
        float[][] rows = new float[users][items];
        DatasetBuilder train = Dataset.builder("train", users, items);
        List<int[]> relevant = new ArrayList<>();
        boolean[][] excluded = new boolean[users][items];
        for (int u = 0; u < users; u++) {
            int kind = u % 3;
            for (int i = 0; i < items; i++) {
                rows[u][i] = draw(rng, kind);
            }
            int r = new int[] {1, 2, 5, 40, items - 3}[u % 5];
            int[] rel = new int[r];
            for (int k = 0; k < r; k++) {
                rel[k] = k * (items / r);           // distinct, spread over the catalogue
            }
            relevant.add(rel);
            for (int i = 0; i < items; i++) {
                if (i % 7 == 3 && i % (items / r) != 0) {
                    train.add(u, i, 1f);
                    excluded[u][i] = true;
                }
            }
        }
        double[] fast = new double[users];
        int[] all = new int[users];
        for (int u = 0; u < users; u++) {
            all[u] = u;
        }
        RankingEngine.builder(new TableModel(rows)).exclude(train.build()).threads(2).build().run(all, () -> {
            Auc auc = new Auc(items);
            int[] stamp = new int[items];
            int[] next = {0};
            return row -> {
                int mark = ++next[0];
                int[] rel = relevant.get(row.user());
                for (int item : rel) {
                    stamp[item] = mark;
                }
                fast[row.slot()] = auc.fullRanking(row, rel, stamp, mark);
            };
        }, new RecordingRunContext(1));
        for (int u = 0; u < users; u++) {
            assertEquals(bruteForce(rows[u], relevant.get(u), excluded[u]), fast[u], 0, "user " + u);
        }
    }
}
