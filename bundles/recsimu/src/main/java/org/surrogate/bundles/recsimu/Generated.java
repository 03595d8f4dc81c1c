package org.surrogate.bundles.recsimu;

/**
 * Table 1 of the paper: how well generated items match the logs. The logged next item of a test
 * state is ranked among all items by the squared distance of its embedding to the generator's G(s)
 * (closest first); MAP@k and NDCG@k of that single relevant item. The popularity reference ranks by
 * training counts (ties share the mean of their ranks).
 */
final class Generated {

    private Generated() {
    }

    static void report(String label, SimulatorAccuracyProtocol.HeldOut held, FeedbackModel model, int cutoff,
                       SimulatorAccuracyProtocol.Reporter report) {
        Tuples t = held.test();
        float[][] g = model.generate(t);
        ItemEmbeddings emb = model.itemEmbeddings();
        int items = emb.numItems();
        double[] ap = new double[t.size];
        double[] ndcg = new double[t.size];
        double[] dist = new double[items];
        for (int r = 0; r < t.size; r++) {
            for (int i = 0; i < items; i++) {
                float[] v = emb.vector(i);
                double s = 0;
                for (int j = 0; j < v.length; j++) {
                    double d = v[j] - g[r][j];
                    s += d * d;
                }
                dist[i] = s;
            }
            int rank = rank(dist, t.actions[r], true);
            ap[r] = Scores.averagePrecision(rank, cutoff);
            ndcg[r] = Scores.ndcg(rank, cutoff);
        }
        report.interval(label, "map@" + cutoff, t.size, rows -> Scores.mean(ap, rows));
        report.interval(label, "ndcg@" + cutoff, t.size, rows -> Scores.mean(ndcg, rows));
    }

    static void reportPopularity(SimulatorAccuracyProtocol.HeldOut held, int cutoff,
                                 SimulatorAccuracyProtocol.Reporter report) {
        Tuples t = held.test();
        double[] counts = new double[held.trainCounts().length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = held.trainCounts()[i];
        }
        double[] ap = new double[t.size];
        double[] ndcg = new double[t.size];
        for (int r = 0; r < t.size; r++) {
            int rank = rank(counts, t.actions[r], false);
            ap[r] = Scores.averagePrecision(rank, cutoff);
            ndcg[r] = Scores.ndcg(rank, cutoff);
        }
        report.interval("popularity", "map@" + cutoff, t.size, rows -> Scores.mean(ap, rows));
        report.interval("popularity", "ndcg@" + cutoff, t.size, rows -> Scores.mean(ndcg, rows));
    }

    /** The 1-based rank of an item, ties at the mean of their ranks (rounded down). */
    static int rank(double[] key, int item, boolean ascending) {
        int better = 0;
        int tied = 0;
        double k = key[item];
        for (int i = 0; i < key.length; i++) {
            if (i == item) {
                continue;
            }
            if (ascending ? key[i] < k : key[i] > k) {
                better++;
            } else if (key[i] == k) {
                tied++;
            }
        }
        return 1 + better + tied / 2;
    }
}
