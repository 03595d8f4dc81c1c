package org.surrogate.bundles.recsimu;

import java.util.Locale;
import java.util.Random;
import org.surrogate.testkit.RecordingRunContext;

/**
 * Training time per epoch on MovieLens-1M-sized logs (6,040 users, 3,706 items, 1,000,209 ratings,
 * so about 880,000 tuples with N = minHistory = 20), at the paper's sizes (N 20, E 20, |F| 10,
 * hidden 128, batch 500). Times {@code steps} training batches of each model on tuples of a synthetic
 * world of that shape and reports the per-batch time times the batches of one epoch; an epoch is
 * linear in the tuples, so this is the epoch time without running the whole epoch. Not a test:
 * <pre>
 * OMP_NUM_THREADS=1 mvn -o -q -f bundles/recsimu/pom.xml test-compile exec:java \
 *     -Dexec.mainClass=org.surrogate.bundles.recsimu.RecSimuBenchmark -Dexec.args="20"
 * </pre>
 */
public final class RecSimuBenchmark {

    private static final int ML1M_TUPLES = 1_000_209 - 6_040 * 20;

    private RecSimuBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args the number of timed batches (default 20)
     */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        ClusterWorld w = new ClusterWorld(1000, 3706, 16, 40, 0.9, 0.1, 1);
        FeedbackMapping mapping = new FeedbackMapping("value", new double[] {4}, 60, new double[] {0, 1});
        Tuples t = Tuples.of(w.data, mapping.map("b", w.data), 20, 20);
        ItemEmbeddings emb = ItemEmbeddings.fit(w.data, 20, 5, new Random(1));
        int batches = (ML1M_TUPLES + 499) / 500;
        for (String model : new String[] {"gru", "gan", "recsimu"}) {
            NetSettings s = new NetSettings(20, 20, 10, 128, 64, 2, 1e-3, 500, 1, 0, 1, 1, 0.3, 1, 1, 0, 0);
            int n = Math.min(t.size, steps * 500);
            int[] rows = new int[n];
            for (int k = 0; k < n; k++) {
                rows[k] = k;
            }
            Tuples part = t.subset(rows);
            RecordingRunContext ctx = new RecordingRunContext(1);
            Random rng = new Random(2);
            long start = System.nanoTime();
            switch (model) {
                case "gru" -> new GruModel("gru", s, emb, rng).train(part, ctx, rng);
                case "gan" -> new GanModel("gan", s, emb, 0, rng).train(part, ctx, rng);
                default -> new RecSimuModel("recsimu", s, emb, rng).train(part, ctx, rng);
            }
            double perBatch = (System.nanoTime() - start) / 1e9 / ((n + 499) / 500);
            System.err.printf(Locale.ROOT, "%s: %.3f s per batch of 500, %.0f s per ML-1M epoch (%d batches)%n",
                    model, perBatch, perBatch * batches, batches);
        }
    }
}
