package org.surrogate.bundles.recsimu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.surrogate.testkit.RecordingRunContext;

/** Prints the resident memory while training, to find native leaks. Not a test. */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    static String rss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS")) {
                return line.replaceAll("\\s+", " ");
            }
        }
        return "?";
    }

    /**
     * Runs.
     *
     * @param args model name, epochs
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        ClusterWorld w = new ClusterWorld(1500, 500, 8, 40, 0.9, 0.1, 1);
        FeedbackMapping mapping = new FeedbackMapping("value", new double[] {4}, 60, new double[] {0, 1});
        Tuples t = Tuples.of(w.data, mapping.map("b", w.data), 20, 20).subset(java.util.stream.IntStream.range(0, 10000).toArray());
        ItemEmbeddings emb = ItemEmbeddings.fit(w.data, 20, 5, new Random(1));
        NetSettings s = new NetSettings(20, 20, 10, 32, 64, 2, 1e-3, 500, Integer.parseInt(args[1]), 0, 1, 1, 0.3, 1, 1, 0, 1);
        RecordingRunContext ctx = new RecordingRunContext(1);
        Thread probe = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(10_000);
                    System.err.println("probe " + ctx.metrics.values().stream().mapToInt(java.util.List::size).sum()
                            + " points " + rss());
                }
            } catch (Exception e) {
                // interrupted: done
            }
        }, "rss-probe");
        probe.setDaemon(true);
        probe.start();
        Random rng = new Random(2);
        switch (args[0]) {
            case "gru" -> new GruModel("gru", s, emb, rng).train(t, ctx, rng);
            case "gan" -> new GanModel("gan", s, emb, 0, rng).train(t, ctx, rng);
            default -> new RecSimuModel("recsimu", s, emb, rng).train(t, ctx, rng);
        }
        System.err.println("end " + rss());
    }
}
