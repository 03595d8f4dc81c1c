package org.surrogate.bundles.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.testkit.RecordingRunContext;

/**
 * MovieLens 100K against a popularity-only resample of itself: every user keeps their number of
 * interactions, their ratings and their timestamps, but the items are drawn (without repeats) with
 * probability proportional to their popularity, so the marginals stay and the user-item structure goes.
 * Skipped when the data set is not staged.
 */
class Ml100kFidelityTest {

    private static final Path DATASETS = Path.of(System.getProperty("surrogate.datasets", "../../../shared/datasets"));

    @Test
    void popularityOnlyResampleKeepsMarginalsAndLosesStructure() throws IOException {
        Path file = DATASETS.resolve("ml-100k").resolve("u.data");
        assumeTrue(Files.isRegularFile(file), "ml-100k not staged: " + file.toAbsolutePath()
                + " is missing; set -Dsurrogate.datasets=<folder holding ml-100k/u.data> to run this test");
        Dataset real = load(file);
        assertEquals(100_000, real.size());
        Dataset resample = popularityResample(real, new Random(42));
        RecordingRunContext ctx = new RecordingRunContext(7);
        long start = System.nanoTime();
        Map<String, Double> m = new FidelityEvaluator().evaluate(new EvaluationInput(resample, real, null),
                FidelityEvaluator.DESCRIPTOR.params().defaults(), ctx).metrics();
        long millis = (System.nanoTime() - start) / 1_000_000;
        StringBuilder table = new StringBuilder("ml-100k vs popularity-only resample (seed 42), " + millis + " ms:\n");
        m.forEach((k, v) -> table.append(String.format("  %-28s %.6g%n", k, v)));
        System.out.print(table);
        assertEquals(943, m.get("users.real"));
        assertEquals(1682, m.get("items.real"));
        assertEquals(0, m.get("activity.ks"));
        assertEquals(0, m.get("rating.js"), 1e-12);
        assertEquals(0, m.get("usersum.ks"));
        assertTrue(m.get("popularity.ks") < 0.2, table.toString());
        assertTrue(Math.abs(m.get("gini.real") - m.get("gini.synthetic")) < 0.1, table.toString());
        assertTrue(m.get("sv.relerr") > 0.1, table.toString());
        assertTrue(m.get("cooc.pearson") < 0.9, table.toString());
        assertTrue(m.get("cooc.mae") > 0.01, table.toString());
    }

    /** u.data: user, item, rating, timestamp, tab-separated. */
    private static Dataset load(Path file) throws IOException {
        DatasetBuilder b = Dataset.builder("ml-100k");
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        for (int n = 0; n < lines.size(); n++) {
            String[] f = lines.get(n).split("\t");
            if (f.length != 4) {
                throw new IOException(file + ":" + (n + 1) + ": expected 4 tab-separated columns, found " + f.length);
            }
            b.add(f[0], f[1], Float.parseFloat(f[2]), Long.parseLong(f[3]));
        }
        return b.build();
    }

    /**
     * Each user draws as many distinct items as they had, item i with weight popularity(i) (Gumbel top-k:
     * the largest {@code log w_i + Gumbel noise}); their own ratings and timestamps go onto the new items
     * in order.
     */
    private static Dataset popularityResample(Dataset real, Random rng) {
        int n = real.numItems();
        int[] counts = real.itemCounts();
        DatasetBuilder b = Dataset.builder("ml-100k-popularity", real.numUsers(), n);
        double[] keys = new double[n];
        Integer[] order = new Integer[n];
        for (int u = 0; u < real.numUsers(); u++) {
            for (int i = 0; i < n; i++) {
                keys[i] = counts[i] == 0 ? Double.NEGATIVE_INFINITY
                        : Math.log(counts[i]) - Math.log(-Math.log(1 - rng.nextDouble()));
                order[i] = i;
            }
            java.util.Arrays.sort(order, (x, y) -> Double.compare(keys[y], keys[x]));
            for (int k = 0; k < real.degree(u); k++) {
                int idx = real.begin(u) + k;
                b.add(u, order[k], real.value(idx), real.timestamp(idx));
            }
        }
        return b.build();
    }
}
