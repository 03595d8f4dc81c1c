package org.surrogate.benchmarks.scale;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.bundles.matrixfactorization.AlsRecommender;
import org.surrogate.bundles.neighborhood.ItemKnnRecommender;

/**
 * Issue 5's scale goal: ALS and item-kNN train on a generated 1M users x 100k items x 20M
 * interactions set. Generates the data deterministically (every user draws {@code perUser} distinct
 * items from a Zipf-like popularity {@code p(i) ~ (i + 1)^-exponent}, seeded), trains each model
 * through its public {@link Recommender} API, and reports per phase the wall time, the process CPU
 * time, the peak heap (used heap sampled every 10 ms, and the sum of the heap pools' peaks as an
 * upper bound), the heap still held after a full GC, and the process's peak resident set (which
 * includes ND4J's off-heap memory).
 *
 * <p>Arguments ({@code --name value}): users 1000000, items 100000, perUser 20, exponent 0.8,
 * seed 42, factors 64, iterations 5, neighbors 100, only (als | item-knn | both), save (a folder:
 * also time save and load of each model there; off by default).
 */
public final class ScaleBenchmark {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final HeapSampler sampler = new HeapSampler();
    private final List<String> report = new ArrayList<>();

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("users", "1000000");
        a.put("items", "100000");
        a.put("perUser", "20");
        a.put("exponent", "0.8");
        a.put("seed", "42");
        a.put("factors", "64");
        a.put("iterations", "5");
        a.put("neighbors", "100");
        a.put("only", "both");
        a.put("save", "");
        for (int k = 0; k < args.length; k += 2) {
            String key = args[k].replaceFirst("^--", "");
            if (!a.containsKey(key) || k + 1 >= args.length) {
                throw new IllegalArgumentException("unknown or incomplete argument '" + args[k] + "'; known: "
                        + a.keySet());
            }
            a.put(key, args[k + 1]);
        }
        new ScaleBenchmark().run(a);
    }

    private void run(Map<String, String> a) throws Exception {
        int users = Integer.parseInt(a.get("users"));
        int items = Integer.parseInt(a.get("items"));
        int perUser = Integer.parseInt(a.get("perUser"));
        double exponent = Double.parseDouble(a.get("exponent"));
        long seed = Long.parseLong(a.get("seed"));
        String only = a.get("only");
        Path save = a.get("save").isEmpty() ? null : Path.of(a.get("save"));
        System.out.printf("JVM %s, max heap %,d MB, %d processors, load average %.1f; arguments %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), OS.getSystemLoadAverage(), a);
        sampler.start();

        Phase gen = begin("generate");
        Dataset data = generate(users, items, perUser, exponent, seed);
        int[] counts = data.itemCounts();
        int maxCount = 0;
        for (int c : counts) {
            maxCount = Math.max(maxCount, c);
        }
        end(gen, String.format("%,d interactions; most popular item in %,d users; checksum %s", data.size(),
                maxCount, data.checksum().substring(0, 16)));

        if (!only.equals("item-knn")) {
            AlsRecommender als = new AlsRecommender();
            Params p = als.descriptor().params().validate(Map.of("factors", Integer.parseInt(a.get("factors")),
                    "iterations", Integer.parseInt(a.get("iterations"))), "");
            train(als, p, data, seed, save);
        }
        if (!only.equals("als")) {
            ItemKnnRecommender knn = new ItemKnnRecommender();
            Params p = knn.descriptor().params().validate(Map.of("neighbors", Integer.parseInt(a.get("neighbors"))),
                    "");
            train(knn, p, data, seed, save);
        }
        sampler.stop();
        System.out.println();
        System.out.println("| phase | wall s | CPU s | peak heap sampled (MB) | sum of pool peaks (MB) "
                + "| held after GC (MB) | peak RSS so far (MB) | GC s | notes |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        report.forEach(System.out::println);
    }

    private void train(Recommender rec, Params p, Dataset data, long seed, Path save) throws IOException {
        String id = rec.descriptor().id();
        Phase ph = begin(id + " fit " + p.asMap());
        Model m = rec.fit(data, p, new PrintingContext(id, seed));
        end(ph, "");
        float[] row = new float[m.numItems()];
        m.score(new int[] {0}, row);
        if (save != null) {
            Files.createDirectories(save);
            Path file = save.resolve(id + ".model");
            Phase s = begin(id + " save");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                m.save(out);
            }
            end(s, String.format("%,d bytes", Files.size(file)));
            Model loaded;
            Phase l = begin(id + " load");
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                loaded = rec.load(in, p);
            }
            float[] again = new float[row.length];
            loaded.score(new int[] {0}, again);
            end(l, java.util.Arrays.equals(row, again) ? "user 0 scores identical" : "user 0 scores DIFFER");
            Files.delete(file);
        }
    }

    /**
     * The dataset: user u draws perUser distinct items, item i with probability proportional to
     * (i + 1)^-exponent (inverse CDF by binary search), from one SplittableRandom of the seed.
     */
    static Dataset generate(int users, int items, int perUser, double exponent, long seed) {
        double[] cdf = new double[items];
        double sum = 0;
        for (int i = 0; i < items; i++) {
            sum += Math.pow(i + 1, -exponent);
            cdf[i] = sum;
        }
        for (int i = 0; i < items; i++) {
            cdf[i] /= sum;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        DatasetBuilder b = Dataset.builder("scale-" + users + "x" + items + "x" + perUser, users, items);
        int[] chosen = new int[perUser];
        for (int u = 0; u < users; u++) {
            int n = 0;
            while (n < Math.min(perUser, items)) {
                double r = rng.nextDouble();
                int lo = 0;
                int hi = items - 1;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (cdf[mid] < r) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                boolean seen = false;
                for (int k = 0; k < n && !seen; k++) {
                    seen = chosen[k] == lo;
                }
                if (!seen) {
                    chosen[n++] = lo;
                    b.add(u, lo, 1f);
                }
            }
        }
        return b.build();
    }

    // ---- measurement ----

    private record Phase(String name, long wall0, long cpu0, long gc0) {
    }

    private Phase begin(String name) {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        sampler.reset();
        System.out.printf("%n== %s (load average %.1f)%n", name, OS.getSystemLoadAverage());
        return new Phase(name, System.nanoTime(), OS.getProcessCpuTime(), gcMillis());
    }

    private void end(Phase ph, String note) {
        double wall = (System.nanoTime() - ph.wall0) / 1e9;
        double cpu = (OS.getProcessCpuTime() - ph.cpu0) / 1e9;
        double gc = (gcMillis() - ph.gc0) / 1e3;
        long sampled = sampler.peak();
        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                poolPeaks += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        System.gc();
        long held = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String line = String.format(Locale.ROOT, "| %s | %.1f | %.1f | %,d | %,d | %,d | %,d | %.1f | %s |", ph.name,
                wall, cpu, sampled >> 20, poolPeaks >> 20, held >> 20, peakRssKb() >> 10, gc,
                note + String.format(Locale.ROOT, " (load avg at end %.1f)", OS.getSystemLoadAverage()));
        System.out.println(line);
        report.add(line);
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }

    /** VmHWM of this process in kB (peak resident set since start), or -1. */
    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Samples used heap every 10 ms on a daemon thread; keeps the maximum since the last reset. */
    private static final class HeapSampler implements Runnable {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        void start() {
            thread = new Thread(this, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            running = false;
        }

        void reset() {
            peak.set(used());
        }

        long peak() {
            peak.accumulateAndGet(used(), Math::max);
            return peak.get();
        }

        private static long used() {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        @Override
        public void run() {
            while (running) {
                peak.accumulateAndGet(used(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Prints metrics and, at most every 10 s, progress, with the elapsed time. */
    private static final class PrintingContext implements RunContext {
        private final String label;
        private final long seed;
        private final long t0 = System.nanoTime();
        private long lastPrint;

        PrintingContext(String label, long seed) {
            this.label = label;
            this.seed = seed;
        }

        private double elapsed() {
            return (System.nanoTime() - t0) / 1e9;
        }

        @Override
        public long seed() {
            return seed;
        }

        @Override
        public synchronized void progress(double fraction, String message) {
            long now = System.nanoTime();
            if (now - lastPrint > 10_000_000_000L || fraction >= 1.0) {
                lastPrint = now;
                System.out.printf(Locale.ROOT, "  %s %7.1f s: %5.1f %% %s%n", label, elapsed(), 100 * fraction,
                        message);
            }
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void metric(String name, long step, double value) {
            System.out.printf(Locale.ROOT, "  %s %7.1f s: %s[%d] = %.6g%n", label, elapsed(), name, step, value);
        }

        @Override
        public void result(String name, double value) {
        }

        @Override
        public OutputStream createArtifact(String name) {
            return OutputStream.nullOutputStream();
        }

        @Override
        public void log(System.Logger.Level level, String message) {
            System.out.println("  " + label + " " + level + " " + message);
        }
    }
}
