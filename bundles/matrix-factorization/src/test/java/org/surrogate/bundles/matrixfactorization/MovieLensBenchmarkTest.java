package org.surrogate.bundles.matrixfactorization;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.recommender.TopK;
import org.surrogate.testkit.RecordingRunContext;

/**
 * Trains both recommenders with their defaults (64 factors; 15 ALS iterations, 30 BPR epochs) on
 * MovieLens-100K split 80/20 at random (seed 42) and prints training time, NDCG@10 and Recall@20 by
 * full ranking with train items excluded. Skipped when the data file is absent.
 */
class MovieLensBenchmarkTest {

    private static final Path U_DATA = Path.of("/work/shared/datasets/ml-100k/u.data");

    @Test
    void trainsAndRanksMovieLens100k() throws IOException {
        assumeTrue(Files.isRegularFile(U_DATA), "MovieLens-100K not found at " + U_DATA + "; benchmark skipped");
        Dataset[] split = split(Files.readAllLines(U_DATA), 42);
        for (Recommender rec : List.of(new AlsRecommender(), new BprRecommender())) {
            for (int run = 1; run <= 2; run++) {
                long t0 = System.nanoTime();
                Model model = rec.fit(split[0], rec.descriptor().params().validate(Map.of(), ""),
                        new RecordingRunContext(1));
                double seconds = (System.nanoTime() - t0) / 1e9;
                long s0 = System.nanoTime();
                double[] metrics = evaluate(model, split[0], split[1]);
                double scoring = (System.nanoTime() - s0) / 1e9;
                System.out.printf("ml-100k %s run %d: train %.3f s, score+rank all users %.3f s, NDCG@10 %.4f, "
                        + "Recall@20 %.4f%n", rec.descriptor().id(), run, seconds, scoring, metrics[0], metrics[1]);
                assertTrue(metrics[0] > 0.1, rec.descriptor().id() + " NDCG@10 " + metrics[0]);
            }
        }
    }

    /** Parses "user item rating timestamp" lines and splits them 80/20 at random. */
    static Dataset[] split(List<String> lines, long seed) {
        int[][] rows = new int[lines.size()][];
        int users = 0;
        int items = 0;
        for (int k = 0; k < rows.length; k++) {
            String[] f = lines.get(k).split("\t");
            rows[k] = new int[] {Integer.parseInt(f[0]) - 1, Integer.parseInt(f[1]) - 1, Integer.parseInt(f[2])};
            users = Math.max(users, rows[k][0] + 1);
            items = Math.max(items, rows[k][1] + 1);
        }
        DatasetBuilder train = Dataset.builder("ml-100k-train", users, items);
        DatasetBuilder test = Dataset.builder("ml-100k-test", users, items);
        Random rng = new Random(seed);
        for (int[] r : rows) {
            (rng.nextDouble() < 0.8 ? train : test).add(r[0], r[1], r[2]);
        }
        return new Dataset[] {train.build(), test.build()};
    }

    /** {mean NDCG@10, mean Recall@20} over users with test items; train items are excluded. */
    static double[] evaluate(Model model, Dataset train, Dataset test) {
        int n = train.numItems();
        int[] all = new int[train.numUsers()];
        for (int u = 0; u < all.length; u++) {
            all[u] = u;
        }
        float[] scores = new float[all.length * n];
        model.score(all, scores);
        double ndcg = 0;
        double recall = 0;
        int evaluated = 0;
        boolean[] relevant = new boolean[n];
        for (int u = 0; u < all.length; u++) {
            if (test.degree(u) == 0) {
                continue;
            }
            for (int k = train.begin(u); k < train.end(u); k++) {
                scores[u * n + train.item(k)] = Float.NEGATIVE_INFINITY;
            }
            for (int k = test.begin(u); k < test.end(u); k++) {
                relevant[test.item(k)] = true;
            }
            int[] top = TopK.select(scores, u * n, u * n + n, 20);
            double dcg = 0;
            double idcg = 0;
            int hits = 0;
            for (int r = 0; r < top.length; r++) {
                if (relevant[top[r]]) {
                    hits++;
                    dcg += r < 10 ? 1 / (Math.log(r + 2) / Math.log(2)) : 0;
                }
            }
            for (int r = 0; r < Math.min(10, test.degree(u)); r++) {
                idcg += 1 / (Math.log(r + 2) / Math.log(2));
            }
            ndcg += dcg / idcg;
            recall += (double) hits / test.degree(u);
            evaluated++;
            for (int k = test.begin(u); k < test.end(u); k++) {
                relevant[test.item(k)] = false;
            }
        }
        return new double[] {ndcg / evaluated, recall / evaluated};
    }
}
